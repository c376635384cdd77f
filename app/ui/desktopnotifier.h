// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace Hallway {

// Tells the person about something (a message, an announcement) while the window is not in
// front, if they left "Desktop notifications" on (QSettings notifications/enabled): through the
// desktop's notification service (org.freedesktop.Notifications over D-Bus) where there is
// one, else as a tray icon balloon where there is a tray, else not at all.
class DesktopNotifier : public QObject {
    Q_OBJECT
public:
    // Also puts the app's icon in the tray, where there is one.
    explicit DesktopNotifier(QWidget *window);

    static bool isEnabled();
    static void setEnabled(bool enabled);

    // Nothing while the window is active or notifications are off.
    void notify(const QString &title, const QString &body);

private:
    bool notifyOverDBus(const QString &title, const QString &body);
    void notifyInTray(const QString &title, const QString &body);

    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace Hallway
