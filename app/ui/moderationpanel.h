// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "userinfo.h"

#include <QWidget>
#include <functional>

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPushButton;

namespace Hallway {

class AuditLogModel;
class HallwayClient;
class ModerationActions;

// The moderators' desk: announce to everyone, see who is banned or muted and lift it, and
// read the audit log as it grows. It also carries out the actions other parts of the window
// offer moderators (mute, ban, roles, hiding facts) and reports how they went.
class ModerationPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModerationPanel(HallwayClient *client, QWidget *parent = nullptr);

    AuditLogModel *auditLog() const { return m_auditLog; }
    QString statusText() const;
    void setActive(bool active); // follow the audit log while the user is a moderator

    void announce(const QString &text);
    void muteUser(qint64 userId, const QString &name, qint64 seconds);
    void banUser(qint64 userId, const QString &name, bool banned);
    void setRole(qint64 userId, const QString &name, Role role);
    void hideFact(qint64 factId, bool hidden);
    void hideTalk(qint64 talkId, bool hidden);
    // Undoes a hide from the audit log's row, if that row is one; returns whether it was.
    bool bringBack(const QModelIndex &logEntry);
    void refreshRestricted();

Q_SIGNALS:
    // Something a moderator did went through (or not): for the status bar.
    void reported(const QString &message);

private:
    // Reports how an action went, in the panel and the status bar.
    std::function<void(const Hallway::Status &)> reportOutcome(const QString &success);
    void report(const QString &message, bool failed = false);

    ModerationActions *m_actions;
    AuditLogModel *m_auditLog;
    QLineEdit *m_announcement;
    QPushButton *m_announce;
    QListWidget *m_restricted;
    QPushButton *m_lift;
    QListView *m_log;
    QLabel *m_status;
};

} // namespace Hallway
