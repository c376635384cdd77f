// SPDX-License-Identifier: MIT
#include "appearance.h"

#include <QApplication>
#include <QLabel>
#include <QPainter>
#include <QPalette>
#include <QSettings>
#include <QStyleFactory>
#include <QStyleOption>
#include <QWidget>

namespace Hallway {

namespace {
const QString HighContrastKey = QStringLiteral("appearance/highContrast");
const char ErrorProperty[] = "hallwayError";
const char NoticeProperty[] = "hallwayNotice";

bool isDark(const QColor &color)
{
    return color.lightnessF() < 0.5;
}

void applyErrorColor(QWidget *widget)
{
    QPalette palette = widget->palette();
    const QColor red = Appearance::errorColor(QApplication::palette());
    palette.setColor(QPalette::WindowText, red);
    palette.setColor(QPalette::Text, red);
    widget->setPalette(palette);
}

void applyNotice(QWidget *widget)
{
    const auto kind = static_cast<Appearance::Notice>(widget->property(NoticeProperty).toInt());
    const bool dark = isDark(QApplication::palette().color(QPalette::Window));
    struct Colors {
        QColor background;
        QColor border;
    };
    Colors colors;
    switch (kind) {
    case Appearance::Notice::Warning:
        colors = dark ? Colors{Qt::black, QColor(0xff, 0xe0, 0x00)}
                      : Colors{QColor(0xff, 0xf4, 0xd6), QColor(0xe0, 0xc0, 0x60)};
        break;
    case Appearance::Notice::Problem:
        colors = dark ? Colors{Qt::black, QColor(0xff, 0x8a, 0x80)}
                      : Colors{QColor(0xfd, 0xe4, 0xe4), QColor(0xd0, 0x80, 0x80)};
        break;
    case Appearance::Notice::Information:
        colors = dark ? Colors{Qt::black, QColor(0x66, 0xcc, 0xff)}
                      : Colors{QColor(0xe4, 0xf0, 0xff), QColor(0x8f, 0xb4, 0xe8)};
        break;
    }
    // A bar lays out its own margins; a label needs padding around its text.
    const int padding = qobject_cast<QLabel *>(widget) ? 8 : 0;
    widget->setStyleSheet(QStringLiteral("#%1 { background: %2; border: %3px solid %4; "
                                         "border-radius: 4px; padding: %5px; }")
                                  .arg(widget->objectName(), colors.background.name())
                                  .arg(dark ? 2 : 1)
                                  .arg(colors.border.name())
                                  .arg(padding));
}

// The style the person asked for (-style, QT_STYLE_OVERRIDE), else Fusion.
QString requestedStyle()
{
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if ((arguments.at(i) == QLatin1String("-style")
             || arguments.at(i) == QLatin1String("--style"))
            && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (arguments.at(i).startsWith(QLatin1String("-style=")))
            return arguments.at(i).mid(7);
    }
    const QString override = qEnvironmentVariable("QT_STYLE_OVERRIDE");
    return override.isEmpty() ? QStringLiteral("Fusion") : override;
}
} // namespace

void Appearance::apply()
{
    QApplication::setStyle(new HallwayStyle(requestedStyle()));
    if (isHighContrast())
        QApplication::setPalette(highContrastPalette());
}

bool Appearance::isHighContrast()
{
    return QSettings().value(HighContrastKey, false).toBool();
}

void Appearance::setHighContrast(bool on)
{
    QSettings().setValue(HighContrastKey, on);
    // Off: the desktop's own palette again (an empty one resolves to the platform theme's).
    QApplication::setPalette(on ? highContrastPalette() : QPalette());
    // Widgets with a colour of their own take it again from the new palette.
    const QList<QWidget *> widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        if (widget->property(ErrorProperty).toBool())
            applyErrorColor(widget);
        if (widget->property(NoticeProperty).isValid())
            applyNotice(widget);
    }
}

// White on black, yellow for what is selected or focused, cyan links: every pair at least
// 7:1 (WCAG AAA).
QPalette Appearance::highContrastPalette()
{
    const QColor black(Qt::black);
    const QColor white(Qt::white);
    const QColor yellow(0xff, 0xe0, 0x00);
    const QColor grey(0xc8, 0xc8, 0xc8);
    QPalette palette(white, black);
    for (const auto group : {QPalette::Active, QPalette::Inactive}) {
        palette.setColor(group, QPalette::Window, black);
        palette.setColor(group, QPalette::WindowText, white);
        palette.setColor(group, QPalette::Base, black);
        palette.setColor(group, QPalette::AlternateBase, QColor(0x1a, 0x1a, 0x1a));
        palette.setColor(group, QPalette::Text, white);
        palette.setColor(group, QPalette::Button, black);
        palette.setColor(group, QPalette::ButtonText, white);
        palette.setColor(group, QPalette::BrightText, yellow);
        palette.setColor(group, QPalette::Highlight, yellow);
        palette.setColor(group, QPalette::HighlightedText, black);
        palette.setColor(group, QPalette::Link, QColor(0x66, 0xcc, 0xff));
        palette.setColor(group, QPalette::LinkVisited, QColor(0xdd, 0x99, 0xff));
        palette.setColor(group, QPalette::PlaceholderText, grey);
        palette.setColor(group, QPalette::ToolTipBase, black);
        palette.setColor(group, QPalette::ToolTipText, white);
        palette.setColor(group, QPalette::Light, white);
        palette.setColor(group, QPalette::Midlight, grey);
        palette.setColor(group, QPalette::Mid, grey);
        palette.setColor(group, QPalette::Dark, grey);
        palette.setColor(group, QPalette::Shadow, white);
    }
    // Disabled text stays readable: grey on black is still above 7:1.
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, grey);
    for (const auto role : {QPalette::Window, QPalette::Base, QPalette::Button})
        palette.setColor(QPalette::Disabled, role, black);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, grey);
    palette.setColor(QPalette::Disabled, QPalette::HighlightedText, black);
    return palette;
}

void Appearance::markAsError(QWidget *widget, bool error)
{
    widget->setProperty(ErrorProperty, error);
    if (error)
        applyErrorColor(widget);
    else
        widget->setPalette(QPalette()); // the parent's again
}

QColor Appearance::errorColor(const QPalette &palette)
{
    return isDark(palette.color(QPalette::Window)) ? QColor(0xff, 0x8a, 0x80)
                                                   : QColor(0xb0, 0x00, 0x20);
}

void Appearance::markAsNotice(QWidget *widget, Notice kind)
{
    Q_ASSERT(!widget->objectName().isEmpty()); // the style sheet names it
    if (widget->property(NoticeProperty) == static_cast<int>(kind))
        return; // re-polishing for nothing is wasteful (the connection bar asks every second)
    widget->setProperty(NoticeProperty, static_cast<int>(kind));
    applyNotice(widget);
}

HallwayStyle::HallwayStyle(const QString &base) : QProxyStyle(QStyleFactory::create(base))
{
    if (!baseStyle() || baseStyle()->name().compare(base, Qt::CaseInsensitive) != 0)
        setBaseStyle(QStyleFactory::create(QStringLiteral("Fusion"))); // an unknown name
}

// Fusion marks focus in three ways: the focus rectangle (check boxes, tabs, list rows), and
// a tinted outline of buttons, line edits, combo and spin boxes. All get the same ring.
void HallwayStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option,
                                 QPainter *painter, const QWidget *widget) const
{
    if (element == PE_FrameFocusRect) {
        drawFocusRing(option, painter);
        return;
    }
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    // Fusion draws frames a shade darker than the window: on black, nothing. Outline the
    // fields, lists, panes and check boxes in the palette's grey instead.
    const bool frame = element == PE_Frame || element == PE_FrameLineEdit
            || element == PE_FrameTabWidget || element == PE_FrameGroupBox
            || element == PE_FrameDockWidget || element == PE_IndicatorCheckBox;
    if (frame && isDark(option->palette.color(QPalette::Window))) {
        painter->save();
        painter->setPen(option->palette.color(QPalette::Mid));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5));
        painter->restore();
    }
    if ((element == PE_PanelButtonCommand || element == PE_FrameLineEdit)
        && option->state.testFlag(State_HasFocus))
        drawFocusRing(option, painter);
}

void HallwayStyle::drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
                                      QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawComplexControl(control, option, painter, widget);
    if ((control == CC_ComboBox || control == CC_SpinBox) && option->state.testFlag(State_HasFocus))
        drawFocusRing(option, painter);
}

void HallwayStyle::drawFocusRing(const QStyleOption *option, QPainter *painter)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPen ring(option->palette.color(QPalette::Active, QPalette::Highlight), 2);
    painter->setPen(ring);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(QRectF(option->rect).adjusted(1, 1, -1, -1), 3, 3);
    painter->restore();
}

} // namespace Hallway
