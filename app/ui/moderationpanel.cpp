// SPDX-License-Identifier: MIT
#include "moderationpanel.h"
#include "appearance.h"
#include "auditlogmodel.h"
#include "errortext.h"
#include "moderationactions.h"

#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace Hallway {

namespace {
constexpr int UserIdRole = Qt::UserRole + 1;
constexpr int BannedRole = Qt::UserRole + 2;
constexpr int NameRole = Qt::UserRole + 3;
} // namespace

ModerationPanel::ModerationPanel(HallwayClient *client, QWidget *parent)
    : QWidget(parent),
      m_actions(new ModerationActions(client, this)),
      m_auditLog(new AuditLogModel(client, this))
{
    setObjectName(QStringLiteral("moderationPanel"));

    auto *announceBox = new QGroupBox(tr("Announce to everyone"));
    m_announcement = new QLineEdit;
    m_announcement->setObjectName(QStringLiteral("announcementEdit"));
    m_announcement->setAccessibleName(tr("Announcement"));
    m_announcement->setMaxLength(Announcement::MaxLength);
    m_announcement->setPlaceholderText(tr("e.g. The keynote starts in 10 minutes in room A"));
    m_announce = new QPushButton(tr("&Announce"));
    m_announce->setObjectName(QStringLiteral("announceButton"));
    m_announce->setEnabled(false);
    auto *announceLayout = new QHBoxLayout(announceBox);
    announceLayout->addWidget(m_announcement, 1);
    announceLayout->addWidget(m_announce);
    connect(m_announcement, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_announce->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_announcement, &QLineEdit::returnPressed, m_announce, &QPushButton::click);
    connect(m_announce, &QPushButton::clicked, this, [this]() {
        announce(m_announcement->text());
        m_announcement->clear();
    });

    auto *restrictedBox = new QGroupBox(tr("Banned and muted"));
    m_restricted = new QListWidget;
    m_restricted->setObjectName(QStringLiteral("restrictedList"));
    m_restricted->setAccessibleName(tr("Banned and muted people"));
    m_lift = new QPushButton(tr("&Lift"));
    m_lift->setObjectName(QStringLiteral("liftButton"));
    m_lift->setEnabled(false);
    auto *refresh = new QPushButton(tr("&Refresh"));
    auto *restrictedButtons = new QHBoxLayout;
    restrictedButtons->addStretch(1);
    restrictedButtons->addWidget(refresh);
    restrictedButtons->addWidget(m_lift);
    auto *restrictedLayout = new QVBoxLayout(restrictedBox);
    restrictedLayout->addWidget(m_restricted);
    restrictedLayout->addLayout(restrictedButtons);
    connect(refresh, &QPushButton::clicked, this, &ModerationPanel::refreshRestricted);
    connect(m_restricted, &QListWidget::currentRowChanged, this,
            [this](int row) { m_lift->setEnabled(row >= 0); });
    connect(m_lift, &QPushButton::clicked, this, [this]() {
        const QListWidgetItem *item = m_restricted->currentItem();
        if (!item)
            return;
        const qint64 userId = item->data(UserIdRole).toLongLong();
        const QString name = item->data(NameRole).toString();
        if (item->data(BannedRole).toBool())
            banUser(userId, name, false);
        else
            muteUser(userId, name, 0);
    });

    auto *logBox = new QGroupBox(tr("Audit log"));
    m_log = new QListView;
    m_log->setObjectName(QStringLiteral("auditLog"));
    m_log->setModel(m_auditLog);
    m_log->setWordWrap(true);
    m_log->setAccessibleName(tr("Audit log, newest first"));
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->addWidget(m_log);
    // A hide can be undone from its line in the log.
    m_log->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_log, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_log->indexAt(at);
        const QString action = index.data(AuditLogModel::ActionRole).toString();
        if (action != QLatin1StringView("hide_fact") && action != QLatin1StringView("hide_talk"))
            return;
        QMenu menu;
        menu.addAction(action == QLatin1StringView("hide_fact") ? tr("&Bring the fact back")
                                                                : tr("&Bring the talk back"),
                       this, [this, index]() { bringBack(index); });
        menu.exec(m_log->viewport()->mapToGlobal(at));
    });

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("moderationStatus"));
    m_status->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(announceBox);
    layout->addWidget(m_status);
    layout->addWidget(restrictedBox, 1);
    layout->addWidget(logBox, 2);

    // Bans and mutes from any moderator change the list.
    connect(m_auditLog, &QAbstractItemModel::rowsInserted, this, [this]() {
        const QString action = m_auditLog->index(0).data(AuditLogModel::ActionRole).toString();
        if (action.endsWith(QLatin1StringView("ban")) || action.endsWith(QLatin1StringView("mute")))
            refreshRestricted();
    });
    connect(m_actions, &ModerationActions::announced, this,
            [this]() { report(tr("Announced to everyone.")); });
    connect(m_actions, &ModerationActions::announceRejected, this, [this](const Error &error) {
        report(tr("The announcement did not go out: %1").arg(errorText(error)), true);
    });
}

QString ModerationPanel::statusText() const
{
    return m_status->text();
}

void ModerationPanel::setActive(bool active)
{
    m_auditLog->setActive(active);
    if (active)
        refreshRestricted();
    else
        m_restricted->clear();
}

void ModerationPanel::report(const QString &message, bool failed)
{
    m_status->setText(message);
    Appearance::markAsError(m_status, failed);
    Q_EMIT reported(message);
}

std::function<void(const Status &)> ModerationPanel::reportOutcome(const QString &success)
{
    return [panel = QPointer<ModerationPanel>(this), success](const Status &done) {
        if (!panel)
            return;
        if (!done)
            return panel->report(tr("That did not work: %1").arg(errorText(done.error())), true);
        panel->report(success);
    };
}

void ModerationPanel::announce(const QString &text)
{
    if (text.trimmed().isEmpty())
        return;
    m_actions->announce(text.trimmed());
}

void ModerationPanel::muteUser(qint64 userId, const QString &name, qint64 seconds)
{
    m_actions->mute(userId, seconds,
                    reportOutcome(seconds == 0 ? tr("%1 may post again.").arg(name)
                                               : tr("%1 is muted for %n minute(s).", nullptr,
                                                    static_cast<int>(seconds / 60))
                                                         .arg(name)));
}

void ModerationPanel::banUser(qint64 userId, const QString &name, bool banned)
{
    m_actions->ban(userId, banned,
                   reportOutcome(banned ? tr("%1 is banned.").arg(name)
                                        : tr("%1 may sign in again.").arg(name)));
}

void ModerationPanel::setRole(qint64 userId, const QString &name, Role role)
{
    m_actions->setRole(userId, role,
                       reportOutcome(role == Role::Moderator
                                             ? tr("%1 is now a moderator.").arg(name)
                                             : tr("%1 is now an attendee.").arg(name)));
}

void ModerationPanel::hideFact(qint64 factId, bool hidden)
{
    m_actions->hideFact(factId, hidden,
                        reportOutcome(hidden ? tr("The fact is hidden from everyone.")
                                             : tr("The fact is back.")));
}

void ModerationPanel::hideTalk(qint64 talkId, bool hidden)
{
    m_actions->hideTalk(talkId, hidden,
                        reportOutcome(hidden ? tr("The talk is hidden from everyone.")
                                             : tr("The talk is back.")));
}

bool ModerationPanel::bringBack(const QModelIndex &logEntry)
{
    const QString action = logEntry.data(AuditLogModel::ActionRole).toString();
    // The subject names what was hidden: "fact 12", "talk 3".
    const QStringList subject =
            logEntry.data(AuditLogModel::SubjectRole).toString().split(QLatin1Char(' '));
    const qint64 id = subject.size() == 2 ? subject.at(1).toLongLong() : 0;
    if (id <= 0)
        return false;
    if (action == QLatin1StringView("hide_fact"))
        hideFact(id, false);
    else if (action == QLatin1StringView("hide_talk"))
        hideTalk(id, false);
    else
        return false;
    return true;
}

void ModerationPanel::refreshRestricted()
{
    m_actions->restrictedUsers([this](const Expected<QList<RestrictedUser>> &users) {
        if (!users)
            return;
        m_restricted->clear();
        for (const RestrictedUser &user : users.value()) {
            const QString until = QLocale().toString(
                    QDateTime::fromMSecsSinceEpoch(user.mutedUntil).toLocalTime(),
                    QLocale::ShortFormat);
            auto *item = new QListWidgetItem(
                    user.banned
                            ? tr("%1 (@%2): banned").arg(user.user.displayName, user.user.username)
                            : tr("%1 (@%2): muted until %3")
                                      .arg(user.user.displayName, user.user.username, until));
            item->setData(UserIdRole, user.user.id);
            item->setData(BannedRole, user.banned);
            item->setData(NameRole, user.user.displayName);
            m_restricted->addItem(item);
        }
        m_lift->setEnabled(m_restricted->currentRow() >= 0);
    });
}

} // namespace Hallway
