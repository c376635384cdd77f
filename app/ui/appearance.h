// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QProxyStyle>

class QPalette;
class QWidget;

namespace Hallway {

// The app's look: Fusion with a focus ring you can see from across the room, and a
// high-contrast palette for those who ask for one (View > High contrast, remembered).
namespace Appearance {

// Sets the style, and the palette the person chose last time. Call once, before any window.
void apply();
bool isHighContrast();
void setHighContrast(bool on);
QPalette highContrastPalette();

// Text that reports a failure: red that reads on the palette's window colour, kept so when
// the palette changes.
void markAsError(QWidget *widget, bool error = true);
QColor errorColor(const QPalette &palette);
// A framed bar that must not be missed: a soft background in the normal palette, a bold
// border on black in the high-contrast one. Kept so when the palette changes.
enum class Notice { Warning, Problem, Information };
void markAsNotice(QWidget *widget, Notice kind);

} // namespace Appearance

// A style (Fusion unless the person asked for another) whose focus marks, a 1 px tint in
// Fusion, are a 2 px ring in the highlight colour.
class HallwayStyle : public QProxyStyle {
    Q_OBJECT
public:
    explicit HallwayStyle(const QString &base = QStringLiteral("Fusion"));
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
                            QPainter *painter, const QWidget *widget = nullptr) const override;

private:
    static void drawFocusRing(const QStyleOption *option, QPainter *painter);
};

} // namespace Hallway
