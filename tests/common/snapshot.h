// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QString>
#include <QWidget>

namespace Hallway::Test {

// With HALLWAY_SCREENSHOT_DIR set (not a check): saves the widget as folder/name.png at a
// moment worth looking at, for a person to judge (under Xvfb with QT_QPA_PLATFORM=xcb for
// real window decorations). Returns false only when asked to save and that failed.
inline bool snapshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("HALLWAY_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return true;
    // The layouts the last changes asked for, done now rather than waited for.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    return widget->grab().save(folder + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace Hallway::Test
