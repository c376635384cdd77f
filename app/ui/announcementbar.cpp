// SPDX-License-Identifier: MIT
#include "announcementbar.h"
#include "hallwayclient.h"
#include "protocol.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QToolButton>

namespace Hallway {

namespace {
const QString DismissedKey = QStringLiteral("announcements/dismissed");
} // namespace

AnnouncementBar::AnnouncementBar(HallwayClient *client, QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("announcementBar"));
    setStyleSheet(QStringLiteral("#announcementBar { background: #e4f0ff; border: 1px solid "
                                 "#8fb4e8; border-radius: 4px; }"));
    m_text = new QLabel;
    m_text->setObjectName(QStringLiteral("announcementText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    auto *close = new QToolButton;
    close->setText(QStringLiteral("\u2715"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    close->setAccessibleName(tr("Dismiss the announcement"));
    connect(close, &QToolButton::clicked, this, &AnnouncementBar::dismiss);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();

    connect(client, &HallwayClient::topicSnapshot, this,
            [this](const QString &topic, const QJsonObject &snapshot) {
                if (topic != Protocol::Topic::Announcements)
                    return;
                const auto latest =
                        announcementsFromJson(snapshot.value(QStringLiteral("announcements")));
                if (latest && !latest->isEmpty()
                    && latest->first().id > QSettings().value(DismissedKey).toLongLong())
                    show(latest->first());
            });
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &topic, qint64, const QJsonObject &event) {
                if (topic != Protocol::Topic::Announcements)
                    return;
                const auto announcement = Announcement::fromJson(
                        event.value(QStringLiteral("announcement")).toObject());
                if (!announcement)
                    return;
                show(announcement.value());
                Q_EMIT announced(announcement.value());
            });
    client->subscribe(Protocol::Topic::Announcements);
}

QString AnnouncementBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void AnnouncementBar::show(const Announcement &announcement)
{
    m_shownId = announcement.id;
    const QString time = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(announcement.createdAt).toLocalTime().time(),
            QLocale::ShortFormat);
    m_text->setText(tr("<b>Announcement</b> from %1 at %2: %3")
                            .arg(announcement.author.displayName.toHtmlEscaped(), time,
                                 announcement.text.toHtmlEscaped()));
    QFrame::show();
}

void AnnouncementBar::dismiss()
{
    QSettings().setValue(DismissedKey, m_shownId);
    hide();
}

} // namespace Hallway
