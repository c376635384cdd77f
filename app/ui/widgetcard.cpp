// SPDX-License-Identifier: MIT
#include "widgetcard.h"
#include "hubsmodel.h"
#include "widgetfeed.h"
#include "widgetview.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Hallway {

WidgetCard::WidgetCard(HallwayClient *client, const HubWidget &widget, WidgetView::Mode mode,
                       QWidget *parent)
    : QFrame(parent), m_widget(widget), m_mode(mode)
{
    setObjectName(QStringLiteral("widgetCard"));
    setFrameShape(QFrame::StyledPanel);
    m_title = new QLabel(QStringLiteral("<b>%1</b>")
                                 .arg(HubsModel::kindTitle(widget.spec.kind).toHtmlEscaped()));
    m_title->setObjectName(QStringLiteral("widgetTitle"));
    const auto tool = [this](const QString &text, const QString &tip, const char *name) {
        auto *button = new QToolButton(this);
        button->setText(text);
        button->setToolTip(tip);
        button->setAccessibleName(tip);
        button->setObjectName(QString::fromLatin1(name));
        button->setAutoRaise(true);
        return button;
    };
    m_up = tool(QStringLiteral("\u2191"), tr("Move up"), "moveUp");
    m_down = tool(QStringLiteral("\u2193"), tr("Move down"), "moveDown");
    m_configure = tool(QStringLiteral("\u2699"), tr("Change..."), "configure");
    m_remove = tool(QStringLiteral("\u2715"), tr("Remove from this hub"), "remove");
    connect(m_up, &QToolButton::clicked, this, [this]() { Q_EMIT moveRequested(m_widget.id, -1); });
    connect(m_down, &QToolButton::clicked, this,
            [this]() { Q_EMIT moveRequested(m_widget.id, 1); });
    connect(m_configure, &QToolButton::clicked, this,
            [this]() { Q_EMIT configureRequested(m_widget.id); });
    connect(m_remove, &QToolButton::clicked, this,
            [this]() { Q_EMIT removeRequested(m_widget.id); });

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    for (QToolButton *button : {m_up, m_down, m_configure, m_remove})
        header->addWidget(button);

    m_view = WidgetView::create(widget.spec, mode, this);
    connect(m_view, &WidgetView::userActivated, this, &WidgetCard::userActivated);
    // A focusable part of the view (a list with links) is named after the widget.
    for (QWidget *part : m_view->findChildren<QWidget *>()) {
        if (part->focusPolicy() != Qt::NoFocus && part->accessibleName().isEmpty())
            part->setAccessibleName(HubsModel::kindTitle(widget.spec.kind));
    }
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_view);

    m_feed = new WidgetFeed(client, widget.spec, this);
    connect(m_feed, &WidgetFeed::dataChanged, m_view, &WidgetView::showData);
    if (m_feed->hasData())
        m_view->showData(m_feed->data());
    setEditable(false, false, false);
}

void WidgetCard::changeEvent(QEvent *event)
{
    // Presented, the title stays a size above the (large) type of the window around it.
    if (event->type() == QEvent::FontChange && m_mode == WidgetView::Mode::Presentation) {
        QFont heading = font();
        if (heading.pixelSize() > 0)
            heading.setPixelSize(heading.pixelSize() * 13 / 10);
        else
            heading.setPointSizeF(heading.pointSizeF() * 1.3);
        m_title->setFont(heading);
    }
    QFrame::changeEvent(event);
}

void WidgetCard::setEditable(bool editable, bool canMoveUp, bool canMoveDown)
{
    m_up->setVisible(editable);
    m_down->setVisible(editable);
    m_configure->setVisible(editable && widget().spec.kind != WidgetKind::Stats);
    m_remove->setVisible(editable);
    m_up->setEnabled(canMoveUp);
    m_down->setEnabled(canMoveDown);
}

} // namespace Hallway
