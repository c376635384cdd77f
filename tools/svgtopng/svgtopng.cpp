// SPDX-License-Identifier: MIT
// hallway-svgtopng: renders an SVG into square PNGs, for the hicolor icon theme.
//   hallway-svgtopng ICON.svg OUTDIR NAME SIZE...
// writes OUTDIR/SIZExSIZE/apps/NAME.png for each SIZE. Used at build time (resources/).
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

namespace {
int fail(const QString &message)
{
    QTextStream(stderr) << "hallway-svgtopng: " << message << Qt::endl;
    return 1;
}
} // namespace

int main(int argc, char *argv[])
{
    // Rendering needs no display; the offscreen platform keeps it that way on a build machine.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList arguments = QGuiApplication::arguments();
    if (arguments.size() < 5)
        return fail(QStringLiteral("usage: hallway-svgtopng ICON.svg OUTDIR NAME SIZE..."));
    QSvgRenderer renderer(arguments.at(1));
    if (!renderer.isValid())
        return fail(QStringLiteral("cannot read %1 as SVG").arg(arguments.at(1)));
    const QDir outDir(arguments.at(2));
    const QString &name = arguments.at(3);
    for (qsizetype i = 4; i < arguments.size(); ++i) {
        bool ok = false;
        const int size = arguments.at(i).toInt(&ok);
        if (!ok || size < 1 || size > 4096)
            return fail(QStringLiteral("bad size \"%1\"").arg(arguments.at(i)));
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter, QRectF(0, 0, size, size));
        painter.end();
        const QString folder = QStringLiteral("%1x%1/apps").arg(size);
        if (!outDir.mkpath(folder))
            return fail(QStringLiteral("cannot create %1").arg(outDir.filePath(folder)));
        const QString path = outDir.filePath(QStringLiteral("%1/%2.png").arg(folder, name));
        if (!image.save(path, "PNG"))
            return fail(QStringLiteral("cannot write %1").arg(path));
    }
    return 0;
}
