// SPDX-License-Identifier: MIT
#include "startdialog.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Hallway {

StartDialog::StartDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Welcome to Hallway"));
    setObjectName(QStringLiteral("startDialog"));

    auto *intro = new QLabel(tr("<b>Meet the people around you.</b><br>Host a room for a small "
                                "group on this computer, or join the server of your event."));
    intro->setWordWrap(true);

    auto *hostBox = new QGroupBox(tr("Host on this computer"));
    auto *hostLayout = new QFormLayout(hostBox);
    m_port = new QSpinBox;
    m_port->setObjectName(QStringLiteral("hostPort"));
    m_port->setRange(1024, 65535);
    m_port->setValue(8470);
    m_onNetwork = new QCheckBox(tr("Let other computers on this network join"));
    m_onNetwork->setObjectName(QStringLiteral("hostOnNetwork"));
    auto *hostButton = new QPushButton(tr("&Host a room"));
    hostButton->setObjectName(QStringLiteral("hostButton"));
    hostButton->setDefault(true);
    hostLayout->addRow(tr("&Port:"), m_port);
    hostLayout->addRow(m_onNetwork);
    hostLayout->addRow(hostButton);

    auto *joinBox = new QGroupBox(tr("Join a server"));
    auto *joinLayout = new QFormLayout(joinBox);
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("joinUrl"));
    m_url->setPlaceholderText(tr("ws://hallway.example.org:8470"));
    auto *joinButton = new QPushButton(tr("&Join"));
    joinButton->setObjectName(QStringLiteral("joinButton"));
    joinLayout->addRow(tr("Server &address:"), m_url);
    joinLayout->addRow(joinButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(hostBox);
    layout->addWidget(joinBox);

    connect(hostButton, &QPushButton::clicked, this, [this]() {
        m_choice = Choice::Host;
        accept();
    });
    connect(joinButton, &QPushButton::clicked, this, &StartDialog::chooseJoin);
    connect(m_url, &QLineEdit::returnPressed, this, &StartDialog::chooseJoin);
}

void StartDialog::chooseJoin()
{
    if (!joinUrl().isValid()) {
        QMessageBox::warning(
                this, tr("Join a server"),
                tr("Please enter a server address such as ws://hallway.example.org:8470."));
        m_url->setFocus();
        return;
    }
    m_choice = Choice::Join;
    accept();
}

QUrl StartDialog::joinUrl() const
{
    QString text = m_url->text().trimmed();
    if (!text.isEmpty() && !text.contains(QLatin1StringView("://")))
        text.prepend(QStringLiteral("ws://"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1StringView("ws") && url.scheme() != QLatin1StringView("wss")))
        return {};
    return url;
}

quint16 StartDialog::hostPort() const
{
    return static_cast<quint16>(m_port->value());
}

bool StartDialog::hostOnNetwork() const
{
    return m_onNetwork->isChecked();
}

} // namespace Hallway
