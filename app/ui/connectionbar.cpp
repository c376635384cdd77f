// SPDX-License-Identifier: MIT
#include "connectionbar.h"
#include "appearance.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Hallway {

ConnectionBar::ConnectionBar(HallwayClient *client, QWidget *parent)
    : QFrame(parent), m_client(client)
{
    setObjectName(QStringLiteral("connectionBar"));
    m_text = new QLabel;
    m_text->setObjectName(QStringLiteral("connectionBarText"));
    m_text->setWordWrap(true);
    m_action = new QPushButton;
    m_action->setObjectName(QStringLiteral("connectionBarAction"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    connect(m_action, &QPushButton::clicked, this, &ConnectionBar::act);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ConnectionBar::refresh);
    connect(client, &HallwayClient::connectionStateChanged, this, &ConnectionBar::refresh);
    connect(&client->connection(), &ServerConnection::stateChanged, this, &ConnectionBar::refresh);
    connect(client, &HallwayClient::pendingWriteCountChanged, this, &ConnectionBar::refresh);
    connect(client, &HallwayClient::outboxSaveErrorChanged, this, &ConnectionBar::refresh);
    refresh();
}

QString ConnectionBar::text() const
{
    return isVisibleTo(parentWidget()) ? m_text->text() : QString();
}

QString ConnectionBar::actionText() const
{
    return m_action->isVisibleTo(this) ? m_action->text() : QString();
}

void ConnectionBar::refresh()
{
    const QString server = m_client->serverUrl().toString();
    const ServerConnection &connection = m_client->connection();
    const bool waiting = connection.state() == ServerConnection::State::WaitingToReconnect;
    const int seconds = (connection.msUntilReconnect() + 999) / 1000;
    QString text;
    QString action;
    bool stopped = false;
    switch (m_client->connectionState()) {
    case HallwayClient::ConnectionState::Online:
        break;
    case HallwayClient::ConnectionState::Connecting:
        text = tr("Connecting to %1...").arg(server);
        break;
    case HallwayClient::ConnectionState::Reconnecting:
        text = waiting ? tr("Connection lost. Reconnecting in %n second(s)...", nullptr, seconds)
                       : tr("Connection lost. Reconnecting to %1...").arg(server);
        if (waiting)
            action = tr("Reconnect &now");
        break;
    case HallwayClient::ConnectionState::Offline:
        text = tr("You are offline. Hallway reconnects as soon as the network is back.");
        if (waiting)
            action = tr("Reconnect &now");
        break;
    case HallwayClient::ConnectionState::SessionEnded:
        text = tr("Your session has ended: you signed out on another device, the password was "
                  "changed, or the session expired.");
        action = tr("Sign &in again");
        stopped = true;
        break;
    case HallwayClient::ConnectionState::Banned:
        text = tr("A moderator has banned this account. Hallway will not reconnect.");
        action = tr("Sign &in as someone else");
        stopped = true;
        break;
    case HallwayClient::ConnectionState::SignedOut:
        text = tr("Signed out.");
        action = tr("Sign &in");
        stopped = true;
        break;
    }
    if (!text.isEmpty()) {
        // Writes made meanwhile are kept: say so, so nobody types them again.
        const int pending = m_client->pendingWriteCount();
        if (pending > 0 && !stopped) {
            text += QLatin1Char(' ')
                    + tr("%n change(s) will be sent when you are back.", nullptr, pending);
            // Kept in memory only: quitting now would lose them.
            if (!m_client->outboxSaveError().isEmpty())
                text += QLatin1Char(' ')
                        + tr("Hallway cannot keep unsent changes on this computer (%1): keep "
                             "it open until they are sent.")
                                  .arg(m_client->outboxSaveError());
        }
    }
    m_text->setText(text);
    m_action->setText(action);
    m_action->setVisible(!action.isEmpty());
    Appearance::markAsNotice(this,
                             stopped ? Appearance::Notice::Problem : Appearance::Notice::Warning);
    setVisible(!text.isEmpty());
    if (waiting && !m_countdown.isActive())
        m_countdown.start();
    else if (!waiting)
        m_countdown.stop();
}

void ConnectionBar::act()
{
    switch (m_client->connectionState()) {
    case HallwayClient::ConnectionState::Reconnecting:
    case HallwayClient::ConnectionState::Offline:
        m_client->connection().reconnectNow();
        break;
    case HallwayClient::ConnectionState::SessionEnded:
    case HallwayClient::ConnectionState::Banned:
    case HallwayClient::ConnectionState::SignedOut:
        Q_EMIT signInRequested();
        break;
    default:
        break;
    }
}

} // namespace Hallway
