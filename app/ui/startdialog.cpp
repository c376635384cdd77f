// SPDX-License-Identifier: MIT
#include "startdialog.h"
#include "invitelink.h"
#include "recentservers.h"

#include <QApplication>
#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Hallway {

StartDialog::StartDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Welcome to Hallway"));
    setObjectName(QStringLiteral("startDialog"));

    m_intro = new QLabel(tr("<b>Meet the people around you.</b><br>Join the server of your "
                            "event, or host a room for a small group on this computer."));
    m_intro->setObjectName(QStringLiteral("startIntro"));
    m_intro->setWordWrap(true);

    // Joining comes first: it is what most people came to do, so the cursor starts there.
    auto *joinBox = new QGroupBox(tr("Join a server"));
    auto *joinLayout = new QFormLayout(joinBox);
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("joinUrl"));
    m_url->setPlaceholderText(tr("ws://hallway.example.org:8470"));
    // Wide enough for the whole example address.
    m_url->setMinimumWidth(m_url->fontMetrics().horizontalAdvance(m_url->placeholderText())
                           + 4 * m_url->fontMetrics().averageCharWidth());
    m_recent = new QListWidget;
    m_recent->setObjectName(QStringLiteral("recentServers"));
    m_recent->setAccessibleName(tr("Servers you joined before"));
    m_recent->setToolTip(tr("Click a server to fill in its address; Enter or a double click "
                            "joins it."));
    for (const QUrl &server : RecentServers().urls()) {
        auto *item = new QListWidgetItem(server.toString(), m_recent);
        item->setData(Qt::UserRole, server);
    }
    // Room for a few without growing the dialog.
    if (m_recent->count() > 0)
        m_recent->setMaximumHeight(m_recent->sizeHintForRow(0) * 4 + 2 * m_recent->frameWidth());
    auto *recentLabel = new QLabel(tr("&Recent servers:"));
    recentLabel->setBuddy(m_recent);
    m_joinButton = new QPushButton(tr("&Join"));
    m_joinButton->setObjectName(QStringLiteral("joinButton"));
    joinLayout->addRow(tr("Server &address:"), m_url);
    joinLayout->addRow(recentLabel, m_recent);
    joinLayout->addRow(m_joinButton);
    // Nothing joined yet: no empty box, just the address.
    recentLabel->setVisible(m_recent->count() > 0);
    m_recent->setVisible(m_recent->count() > 0);

    auto *hostBox = new QGroupBox(tr("Host on this computer"));
    m_hostBox = hostBox;
    auto *hostLayout = new QFormLayout(hostBox);
    m_port = new QSpinBox;
    m_port->setObjectName(QStringLiteral("hostPort"));
    m_port->setRange(1024, 65535);
    m_port->setValue(8470);
    m_onNetwork = new QCheckBox(tr("Let other computers on this network join"));
    m_onNetwork->setObjectName(QStringLiteral("hostOnNetwork"));
    m_hostButton = new QPushButton(tr("&Host a room"));
    m_hostButton->setObjectName(QStringLiteral("hostButton"));
    hostLayout->addRow(tr("&Port:"), m_port);
    hostLayout->addRow(m_onNetwork);
    hostLayout->addRow(m_hostButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(joinBox);
    layout->addWidget(hostBox);

    m_joinButton->setDefault(true);
    m_url->setFocus();

    connect(m_hostButton, &QPushButton::clicked, this, [this]() {
        m_choice = Choice::Host;
        accept();
    });
    // Enter in the address (or on a recent server) reaches the default button, Join.
    connect(m_joinButton, &QPushButton::clicked, this, &StartDialog::chooseJoin);
    // A click or Enter fills the address in (Enter then reaches Join); only that, so that
    // tabbing through the list does not overwrite an address being typed.
    const auto fill = [this](QListWidgetItem *item) {
        m_url->setText(item->data(Qt::UserRole).toUrl().toString());
    };
    connect(m_recent, &QListWidget::itemClicked, this, fill);
    connect(m_recent, &QListWidget::itemActivated, this, fill);
    connect(m_recent, &QListWidget::itemDoubleClicked, this, [this, fill](QListWidgetItem *item) {
        fill(item);
        chooseJoin();
    });
    m_focusFollower = connect(qApp, &QApplication::focusChanged, this,
                              [this](QWidget *, QWidget *now) { followFocus(now); });
}

StartDialog::~StartDialog()
{
    // Focus moves while the base classes tear the dialog down: not to this half of it.
    disconnect(m_focusFollower);
}

void StartDialog::followFocus(QWidget *now)
{
    if (!now || now->window() != this)
        return;
    const bool hosting = now == m_hostBox || m_hostBox->isAncestorOf(now);
    m_hostButton->setDefault(hosting);
    m_joinButton->setDefault(!hosting);
}

void StartDialog::invite(const QUrl &server)
{
    m_intro->setText(tr("<b>You are invited to a Hallway room.</b><br>Join it at %1, or host "
                        "a room of your own on this computer.")
                             .arg(server.toString().toHtmlEscaped()));
    m_url->setText(server.toString());
    m_joinButton->setFocus();
}

void StartDialog::chooseJoin()
{
    if (!joinUrl().isValid()) {
        const QString text = m_url->text();
        QMessageBox::warning(this, tr("Join a server"),
                             InviteLink::looksLikeOne(text)
                                     ? InviteLink::serverOf(text).error().message
                                     : tr("Please enter a server address such as "
                                          "ws://hallway.example.org:8470."));
        m_url->setFocus();
        return;
    }
    m_choice = Choice::Join;
    accept();
}

QUrl StartDialog::joinUrl() const
{
    QString text = m_url->text().trimmed();
    if (InviteLink::looksLikeOne(text)) {
        const Expected<QUrl> invited = InviteLink::serverOf(text);
        return invited ? invited.value() : QUrl();
    }
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
