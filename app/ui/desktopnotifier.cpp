// SPDX-License-Identifier: MIT
#include "desktopnotifier.h"

#include <QLoggingCategory>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QWidget>

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

Q_LOGGING_CATEGORY(lcNotify, "hallway.client.notify")

namespace Hallway {

namespace {
const QString EnabledKey = QStringLiteral("notifications/enabled");
constexpr int MaxBody = 200; // a notification is a glimpse; the chat has the rest
} // namespace

DesktopNotifier::DesktopNotifier(QWidget *window) : QObject(window), m_window(window)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(window->windowIcon(), this);
        m_tray->setToolTip(tr("Hallway"));
        m_tray->show();
    }
}

bool DesktopNotifier::isEnabled()
{
    return QSettings().value(EnabledKey, true).toBool();
}

void DesktopNotifier::setEnabled(bool enabled)
{
    QSettings().setValue(EnabledKey, enabled);
}

void DesktopNotifier::notify(const QString &title, const QString &body)
{
    if (!isEnabled() || !m_window || m_window->isActiveWindow())
        return;
    const QString glimpse = body.size() > MaxBody ? body.left(MaxBody - 1) + QChar(0x2026) : body;
    if (!notifyOverDBus(title, glimpse))
        notifyInTray(title, glimpse);
}

bool DesktopNotifier::notifyOverDBus(const QString &title, const QString &body)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    // The Desktop Notifications Specification, Notify(app_name, replaces_id, app_icon,
    // summary, body, actions, hints, expire_timeout). Bodies may be read as markup: escape.
    QDBusMessage call = QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.Notifications"),
            QStringLiteral("/org/freedesktop/Notifications"),
            QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
    call << tr("Hallway") << quint32(0) << QStringLiteral("hallway") << title
         << body.toHtmlEscaped() << QStringList()
         << QVariantMap{{QStringLiteral("desktop-entry"), QStringLiteral("hallway")},
                        {QStringLiteral("category"), QStringLiteral("im.received")}}
         << qint32(-1);
    // Asynchronous: the window never waits for the desktop. Without a service (none running
    // and none to start), the tray takes over.
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, title, body](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                if (finished->isError()) {
                    qCInfo(lcNotify) << "no notification service:" << finished->error().message();
                    notifyInTray(title, body);
                }
            });
    return true;
}

void DesktopNotifier::notifyInTray(const QString &title, const QString &body)
{
    if (m_tray)
        m_tray->showMessage(title, body);
    else
        qCDebug(lcNotify) << "no way to notify here:" << title;
}

} // namespace Hallway
