// SPDX-License-Identifier: MIT
#include "onlinepanel.h"
#include "hallwayclient.h"
#include "presencedelegate.h"
#include "presencefiltermodel.h"
#include "presencemodel.h"

#include <QAction>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace Hallway {

OnlinePanel::OnlinePanel(HallwayClient *client, PresenceModel *people, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_people(people),
      m_shown(new PresenceFilterModel(people, this))
{
    setObjectName(QStringLiteral("onlinePanel"));
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("onlineCount"));
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("onlineFilter"));
    m_filter->setPlaceholderText(tr("Find a person (Ctrl+K)"));
    m_filter->setAccessibleName(tr("Find a person"));
    m_filter->setClearButtonEnabled(true);
    m_list = new QListView;
    m_list->setObjectName(QStringLiteral("onlineList"));
    m_list->setModel(m_shown);
    m_list->setItemDelegate(new PresenceDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAccessibleName(tr("People online"));
    m_empty = new QLabel;
    m_empty->setObjectName(QStringLiteral("onlineEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // Long names wrap instead of widening the dock.
    m_empty->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_count);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty);
    layout->addStretch(0);

    // A name is a link: a click, Enter (activated) or Space on the row.
    for (const auto signal : {&QListView::clicked, &QListView::activated}) {
        connect(m_list, signal, this, [this](const QModelIndex &index) {
            Q_EMIT personActivated(index.data(PresenceModel::UserIdRole).toLongLong());
        });
    }
    auto *space = new QAction(m_list);
    space->setShortcut(Qt::Key_Space);
    space->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(space);
    connect(space, &QAction::triggered, this, [this]() {
        if (m_list->currentIndex().isValid())
            Q_EMIT personActivated(
                    m_list->currentIndex().data(PresenceModel::UserIdRole).toLongLong());
    });
    m_list->installEventFilter(this);
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_shown->setFilterText(text);
        updateEmptyState();
    });
    connect(m_filter, &QLineEdit::returnPressed, this, &OnlinePanel::activateFirstMatch);

    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(people, signal, this, [this]() {
            updateCount();
            updateEmptyState();
        });
    connect(people, &QAbstractItemModel::modelReset, this, [this]() {
        updateCount();
        updateEmptyState();
    });
    connect(people, &QAbstractItemModel::dataChanged, this, &OnlinePanel::updateCount);
    // With nobody listed the model says nothing when the connection drops or comes back.
    connect(client, &HallwayClient::statusChanged, this, [this]() {
        updateCount();
        updateEmptyState();
    });
    updateCount();
    updateEmptyState();
}

QString OnlinePanel::countText() const
{
    return m_count->text();
}

QString OnlinePanel::emptyText() const
{
    return m_empty->isVisibleTo(this) ? m_empty->text() : QString();
}

void OnlinePanel::updateCount()
{
    // While not connected the list is what it was, not who is here.
    if (!m_people->isKnown()) {
        m_count->setText(tr("Not connected"));
        return;
    }
    int away = 0;
    for (int row = 0; row < m_people->rowCount(); ++row)
        away += m_people->index(row).data(PresenceModel::IsAwayRole).toBool() ? 1 : 0;
    const int here = m_people->rowCount() - away;
    m_count->setText(
            away == 0 ? tr("%n online", nullptr, here)
                      : tr("%1, %2", "people online, people away")
                                .arg(tr("%n online", nullptr, here), tr("%n away", nullptr, away)));
}

void OnlinePanel::updateEmptyState()
{
    const bool empty = m_shown->rowCount() == 0;
    if (!empty) {
        m_empty->hide();
        m_list->show();
        return;
    }
    if (!m_shown->filterText().isEmpty())
        m_empty->setText(
                tr("Nobody called \"%1\" is here. Esc shows everyone.").arg(m_shown->filterText()));
    else if (!m_people->isKnown())
        m_empty->setText(tr("Who is here shows once you are connected."));
    else
        m_empty->setText(tr("Nobody is here yet. People appear here as they sign in."));
    m_list->hide();
    m_empty->show();
}

void OnlinePanel::activateFirstMatch()
{
    const QModelIndex first = m_shown->index(0, 0);
    if (!first.isValid())
        return;
    m_list->setCurrentIndex(first);
    Q_EMIT personActivated(first.data(PresenceModel::UserIdRole).toLongLong());
}

bool OnlinePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::FocusIn) {
        // Enter and Space act on the current row: give the list one as it gets focus.
        if (!m_list->currentIndex().isValid() && m_shown->rowCount() > 0)
            m_list->setCurrentIndex(m_shown->index(0, 0));
    } else if (watched == m_filter && event->type() == QEvent::KeyPress) {
        // Down from the box walks on into the matches.
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down && m_shown->rowCount() > 0) {
            m_list->setFocus(Qt::TabFocusReason);
            m_list->setCurrentIndex(m_shown->index(0, 0));
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_filter->text().isEmpty()) {
            m_filter->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Hallway
