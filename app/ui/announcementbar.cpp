// SPDX-License-Identifier: MIT
#include "announcementbar.h"
#include "announcementfeed.h"
#include "appearance.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

namespace Hallway {

AnnouncementBar::AnnouncementBar(HallwayClient *client, QWidget *parent)
    : QFrame(parent), m_feed(new AnnouncementFeed(client, this))
{
    setObjectName(QStringLiteral("announcementBar"));
    Appearance::markAsNotice(this, Appearance::Notice::Information);
    m_text = new QLabel;
    m_text->setObjectName(QStringLiteral("announcementText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    auto *close = new QToolButton;
    close->setObjectName(QStringLiteral("dismissAnnouncement"));
    close->setText(QStringLiteral("\u2715"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    close->setAccessibleName(tr("Dismiss the announcement"));
    connect(close, &QToolButton::clicked, this, &AnnouncementBar::dismiss);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();

    connect(m_feed, &AnnouncementFeed::shown, this, &AnnouncementBar::show);
    connect(m_feed, &AnnouncementFeed::announced, this, &AnnouncementBar::announced);
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
    m_feed->dismiss(m_shownId);
    hide();
}

} // namespace Hallway
