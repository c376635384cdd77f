// SPDX-License-Identifier: MIT
#include "profilepanel.h"
#include "factdelegate.h"
#include "factfeedmodel.h"
#include "hallwayclient.h"
#include "presencemodel.h"

#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace Hallway {

ProfilePanel::ProfilePanel(HallwayClient *client, PresenceModel *presence, QWidget *parent)
    : QWidget(parent), m_client(client), m_presence(presence)
{
    setObjectName(QStringLiteral("profilePanel"));
    m_name = new QLabel;
    m_name->setObjectName(QStringLiteral("profileName"));
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_name->setFont(big);
    m_details = new QLabel;
    m_details->setObjectName(QStringLiteral("profileDetails"));
    m_state = new QLabel;
    m_state->setObjectName(QStringLiteral("profileState"));
    auto *message = new QPushButton(tr("Send a message"));
    m_message = message;
    message->setObjectName(QStringLiteral("messageButton"));
    connect(message, &QPushButton::clicked, this,
            [this]() { Q_EMIT messageRequested(m_userId, m_name->text()); });
    auto *close = new QPushButton(tr("Close"));
    close->setObjectName(QStringLiteral("closeProfileButton"));
    close->setToolTip(tr("Close the profile (Esc)"));
    m_empty = new QLabel(tr("No facts yet."));
    m_empty->setObjectName(QStringLiteral("profileEmpty"));
    m_facts = new QListView;
    m_facts->setObjectName(QStringLiteral("profileFacts"));
    m_facts->setItemDelegate(new FactDelegate(false, m_facts));
    m_facts->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_facts->setWordWrap(true);
    m_facts->setAccessibleName(tr("Facts of this person"));

    // Name above the buttons, long names wrapped: the panel fits the width it is given
    // instead of asking the window for more.
    for (QLabel *label : {m_name, m_details, m_state}) {
        label->setWordWrap(true);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    }
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(message);
    buttons->addWidget(close);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addWidget(m_details);
    layout->addWidget(m_state);
    layout->addLayout(buttons);
    layout->addWidget(m_empty);
    layout->addWidget(m_facts, 1);

    connect(close, &QPushButton::clicked, this, &ProfilePanel::closeRequested);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(presence, signal, this, &ProfilePanel::updatePresence);
    connect(presence, &QAbstractItemModel::modelReset, this, &ProfilePanel::updatePresence);
    connect(presence, &QAbstractItemModel::dataChanged, this, &ProfilePanel::updatePresence);
}

void ProfilePanel::showUser(qint64 userId)
{
    if (userId == m_userId && m_feed)
        return;
    m_userId = userId;
    delete m_feed; // leaves the previous person's feed topic
    m_feed = FactFeedModel::userFeed(m_client, userId, this);
    m_message->setVisible(userId != m_client->currentUser().id); // no chatting with yourself
    m_facts->setModel(m_feed);
    auto updateEmpty = [this]() { m_empty->setVisible(m_feed->rowCount() == 0); };
    connect(m_feed, &QAbstractItemModel::modelReset, this, updateEmpty);
    connect(m_feed, &QAbstractItemModel::rowsInserted, this, updateEmpty);
    updateEmpty();

    // Whatever the who's-online list knows shows at once; the server fills in the rest.
    const int row = m_presence->rowOfUser(userId);
    m_name->setText(row >= 0 ? m_presence->userAt(row).user.displayName : QString());
    m_details->clear();
    updatePresence();
    m_client->fetchProfile(userId, this, [this, userId](const Expected<UserProfile> &profile) {
        if (userId != m_userId)
            return;
        if (!profile) {
            m_details->setText(tr("Could not load this profile: %1").arg(profile.error().message));
            return;
        }
        m_name->setText(profile->user.displayName);
        QStringList parts{QStringLiteral("@") + profile->user.username};
        for (const QString &place : {profile->user.city, profile->user.region}) {
            if (!place.isEmpty())
                parts.append(place);
        }
        if (profile->user.role == Role::Moderator)
            parts.append(tr("moderator"));
        m_details->setText(parts.join(QStringLiteral(" · ")));
    });
}

QString ProfilePanel::displayName() const
{
    return m_name->text();
}

QString ProfilePanel::presenceText() const
{
    return m_state->text();
}

void ProfilePanel::updatePresence()
{
    const int row = m_presence->rowOfUser(m_userId);
    if (row < 0)
        m_state->setText(tr("Not here right now"));
    else if (m_presence->userAt(row).state == PresenceState::Away)
        m_state->setText(tr("Here, but away"));
    else
        m_state->setText(tr("Here now"));
}

} // namespace Hallway
