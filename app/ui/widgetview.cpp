// SPDX-License-Identifier: MIT
#include "widgetview.h"
#include "charts.h"
#include "fact.h"
#include "moderation.h"
#include "stats.h"
#include "talk.h"
#include "userinfo.h"

#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace Hallway {

namespace {
QString userLink(qint64 id, const QString &name)
{
    return QStringLiteral("<a href=\"user:%1\">%2</a>").arg(id).arg(name.toHtmlEscaped());
}

QString timeOf(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().time(),
                              QLocale::ShortFormat);
}

// The list kinds: rich text with links, one line per item.
class ListView : public WidgetView {
public:
    ListView(WidgetKind kind, QWidget *parent) : WidgetView(parent), m_kind(kind)
    {
        m_text = new QLabel(this);
        m_text->setObjectName(QStringLiteral("widgetText"));
        m_text->setTextFormat(Qt::RichText);
        m_text->setWordWrap(true);
        m_text->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
        m_text->setText(WidgetView::tr("Loading..."));
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_text);
        connect(m_text, &QLabel::linkActivated, this, [this](const QString &link) {
            if (link.startsWith(QLatin1StringView("user:")))
                Q_EMIT userActivated(link.mid(5).toLongLong());
        });
    }

    void showData(const WidgetData &data) override
    {
        QStringList lines;
        QString header;
        QString empty;
        switch (m_kind) {
        case WidgetKind::Presence:
            header = WidgetView::tr("%n online", nullptr, static_cast<int>(data.online));
            for (const OnlineUser &user : data.people) {
                const QString away =
                        user.state == PresenceState::Away ? WidgetView::tr(" (away)") : QString();
                const QString place = user.user.city.isEmpty()
                        ? QString()
                        : QStringLiteral(" · %1").arg(user.user.city.toHtmlEscaped());
                lines.append(userLink(user.user.id, user.user.displayName) + place + away);
            }
            empty = WidgetView::tr("Nobody is here yet.");
            break;
        case WidgetKind::CommunityFeed:
        case WidgetKind::UserFacts:
            if (m_kind == WidgetKind::UserFacts && data.author)
                header = WidgetView::tr("Facts by %1")
                                 .arg(userLink(data.author->id, data.author->displayName));
            for (const Fact &fact : data.facts) {
                const QString author = m_kind == WidgetKind::CommunityFeed
                        ? userLink(fact.author.id, fact.author.displayName) + QStringLiteral(": ")
                        : QString();
                lines.append(author + fact.text.toHtmlEscaped());
            }
            empty = WidgetView::tr("No facts yet.");
            break;
        case WidgetKind::Talks: {
            header = data.votingOpen ? WidgetView::tr("Voting is open")
                                     : WidgetView::tr("Voting is closed");
            int rank = 1;
            for (const Talk &talk : data.talks)
                lines.append(WidgetView::tr("%1. <b>%2</b> by %3, %n vote(s)", nullptr,
                                            static_cast<int>(talk.votes))
                                     .arg(rank++)
                                     .arg(talk.title.toHtmlEscaped(),
                                          userLink(talk.speaker.id, talk.speaker.displayName)));
            empty = WidgetView::tr("No talks proposed yet.");
            break;
        }
        case WidgetKind::Announcements:
            for (const Announcement &announcement : data.announcements)
                lines.append(QStringLiteral("<b>%1</b> %2")
                                     .arg(timeOf(announcement.createdAt),
                                          announcement.text.toHtmlEscaped()));
            empty = WidgetView::tr("No announcements.");
            break;
        case WidgetKind::Stats:
            break;
        }
        QString html = header.isEmpty() ? QString() : QStringLiteral("<p>%1</p>").arg(header);
        html += lines.isEmpty() ? QStringLiteral("<p><i>%1</i></p>").arg(empty)
                                : QStringLiteral("<p>") + lines.join(QStringLiteral("<br>"))
                        + QStringLiteral("</p>");
        m_text->setText(html);
    }

private:
    WidgetKind m_kind;
    QLabel *m_text;
};

// The statistics: four counts, the top places as bars, posts per minute as columns.
class StatsView : public WidgetView {
public:
    explicit StatsView(QWidget *parent) : WidgetView(parent)
    {
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *counts = new QGridLayout;
        const QStringList names = {WidgetView::tr("People"), WidgetView::tr("Facts"),
                                   WidgetView::tr("Messages"), WidgetView::tr("Votes")};
        for (int i = 0; i < names.size(); ++i) {
            auto *number = new QLabel(QStringLiteral("-"));
            number->setObjectName(QStringLiteral("statsCount%1").arg(i));
            number->setAlignment(Qt::AlignCenter);
            QFont big = number->font();
            big.setPointSizeF(big.pointSizeF() * 1.6);
            big.setBold(true);
            number->setFont(big);
            auto *caption = new QLabel(names.at(i));
            caption->setAlignment(Qt::AlignCenter);
            counts->addWidget(number, 0, i);
            counts->addWidget(caption, 1, i);
            m_counts.append(number);
        }
        layout->addLayout(counts);
        layout->addWidget(new QLabel(WidgetView::tr("<b>Posts per minute</b>, last hour")));
        m_perMinute = new ColumnChart;
        m_perMinute->setObjectName(QStringLiteral("postsPerMinute"));
        m_perMinute->setLabels(WidgetView::tr("an hour ago"), WidgetView::tr("now"));
        layout->addWidget(m_perMinute);
        layout->addWidget(new QLabel(WidgetView::tr("<b>Top cities</b> by posts")));
        m_cities = new BarChart;
        m_cities->setObjectName(QStringLiteral("topCities"));
        m_cities->setEmptyText(WidgetView::tr("No posts from any city yet."));
        layout->addWidget(m_cities);
        layout->addWidget(new QLabel(WidgetView::tr("<b>Top regions</b> by posts")));
        m_regions = new BarChart;
        m_regions->setObjectName(QStringLiteral("topRegions"));
        m_regions->setEmptyText(WidgetView::tr("No posts from any region yet."));
        layout->addWidget(m_regions);
    }

    void showData(const WidgetData &data) override
    {
        const std::optional<RoomStats> &stats = data.stats;
        if (!stats)
            return;
        const QList<qint64> values = {stats->users, stats->facts, stats->messages, stats->votes};
        for (qsizetype i = 0; i < values.size(); ++i)
            m_counts.at(i)->setText(QLocale().toString(values.at(i)));
        m_perMinute->setValues(stats->postsPerMinute);
        const auto bars = [](const QList<RoomStats::Place> &places) {
            QList<std::pair<QString, qint64>> result;
            for (const RoomStats::Place &place : places)
                result.append({place.name, place.posts});
            return result;
        };
        m_cities->setBars(bars(stats->topCities));
        m_regions->setBars(bars(stats->topRegions));
        setToolTip(WidgetView::tr("Updated at %1").arg(timeOf(stats->computedAt)));
    }

private:
    QList<QLabel *> m_counts;
    ColumnChart *m_perMinute;
    BarChart *m_cities;
    BarChart *m_regions;
};
} // namespace

WidgetView *WidgetView::create(const WidgetSpec &spec, QWidget *parent)
{
    if (spec.kind == WidgetKind::Stats)
        return new StatsView(parent);
    return new ListView(spec.kind, parent);
}

} // namespace Hallway
