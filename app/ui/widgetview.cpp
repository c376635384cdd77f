// SPDX-License-Identifier: MIT
#include "widgetview.h"
#include "charts.h"
#include "fact.h"
#include "moderation.h"
#include "stats.h"
#include "talk.h"
#include "userinfo.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QResizeEvent>
#include <QVBoxLayout>
#include <algorithm>

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

// Presented, a list on a screen that never scrolls: its lines under each other, as many as
// fit the height the view is given, whole lines only. The first line (a header such as
// "8 online") always shows.
class FittingLines : public QWidget {
public:
    explicit FittingLines(QWidget *parent = nullptr) : QWidget(parent)
    {
        setObjectName(QStringLiteral("widgetLines"));
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    }

    void setLines(const QStringList &html)
    {
        while (m_labels.size() < html.size()) {
            auto *label = new QLabel(this);
            label->setTextFormat(Qt::RichText);
            label->setWordWrap(true);
            m_labels.append(label);
        }
        while (m_labels.size() > html.size())
            m_labels.takeLast()->deleteLater();
        for (qsizetype i = 0; i < html.size(); ++i)
            m_labels.at(i)->setText(html.at(i));
        place();
        updateGeometry();
    }

    QList<QLabel *> lines() const { return m_labels; }
    qsizetype shownLines() const
    {
        return std::count_if(m_labels.cbegin(), m_labels.cend(),
                             [](const QLabel *label) { return !label->isHidden(); });
    }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override
    {
        int height = 0;
        for (const QLabel *label : m_labels)
            height += label->heightForWidth(width) + spacing();
        return std::max(0, height - spacing());
    }
    QSize sizeHint() const override
    {
        const int wide = fontMetrics().averageCharWidth() * 30;
        return {wide, heightForWidth(width() > 1 ? width() : wide)};
    }
    QSize minimumSizeHint() const override
    {
        // The header and one line of the list; more when there is room.
        return {fontMetrics().averageCharWidth() * 10,
                fontMetrics().lineSpacing()
                                * static_cast<int>(std::min<qsizetype>(2, m_labels.size()))
                        + spacing()};
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QWidget::resizeEvent(event);
        place();
    }
    bool event(QEvent *event) override
    {
        // A line's text changed its height: place the lines again, and ask for room.
        if (event->type() == QEvent::LayoutRequest) {
            place();
            updateGeometry();
            return true;
        }
        if (event->type() == QEvent::FontChange)
            updateGeometry();
        return QWidget::event(event);
    }

private:
    int spacing() const { return fontMetrics().lineSpacing() / 4; }

    void place()
    {
        int top = 0;
        bool fits = true;
        for (qsizetype i = 0; i < m_labels.size(); ++i) {
            QLabel *label = m_labels.at(i);
            const int height = label->heightForWidth(width());
            fits = fits && (i == 0 || top + height <= this->height());
            label->setVisible(fits);
            if (fits)
                label->setGeometry(0, top, width(), height);
            top += height + spacing();
        }
    }

    QList<QLabel *> m_labels;
};

// The list kinds: rich text with links, one line per item.
class ListView : public WidgetView {
public:
    ListView(WidgetKind kind, Mode mode, QWidget *parent)
        : WidgetView(parent), m_kind(kind), m_presented(mode == Mode::Presentation)
    {
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        if (m_presented) {
            m_lines = new FittingLines(this);
            layout->addWidget(m_lines);
            m_lines->setLines({WidgetView::tr("Loading...")});
            return;
        }
        m_text = new QLabel(this);
        m_text->setObjectName(QStringLiteral("widgetText"));
        m_text->setTextFormat(Qt::RichText);
        m_text->setWordWrap(true);
        if (!m_presented)
            m_text->setTextInteractionFlags(Qt::LinksAccessibleByMouse
                                            | Qt::LinksAccessibleByKeyboard);
        m_text->setText(WidgetView::tr("Loading..."));
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
                lines.append(link(user.user.id, user.user.displayName) + place + away);
            }
            empty = WidgetView::tr("Nobody is here yet.");
            break;
        case WidgetKind::CommunityFeed:
        case WidgetKind::UserFacts:
            if (m_kind == WidgetKind::UserFacts && data.author)
                header = WidgetView::tr("Facts by %1")
                                 .arg(link(data.author->id, data.author->displayName));
            for (const Fact &fact : data.facts) {
                const QString author = m_kind == WidgetKind::CommunityFeed
                        ? link(fact.author.id, fact.author.displayName) + QStringLiteral(": ")
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
                                          link(talk.speaker.id, talk.speaker.displayName)));
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
        if (m_presented) {
            QStringList shown;
            if (!header.isEmpty())
                shown.append(header);
            if (lines.isEmpty())
                shown.append(QStringLiteral("<i>%1</i>").arg(empty));
            m_lines->setLines(shown + lines);
            return;
        }
        QString html = header.isEmpty() ? QString() : QStringLiteral("<p>%1</p>").arg(header);
        html += lines.isEmpty() ? QStringLiteral("<p><i>%1</i></p>").arg(empty)
                                : QStringLiteral("<p>") + lines.join(QStringLiteral("<br>"))
                        + QStringLiteral("</p>");
        m_text->setText(html);
    }

private:
    // Presented, names are plain bold: nobody clicks a projector, and the rich text's links
    // would take the application's link colour, dark blue on the dark ground.
    QString link(qint64 id, const QString &name) const
    {
        return m_presented ? QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped())
                           : userLink(id, name);
    }

    WidgetKind m_kind;
    bool m_presented;
    QLabel *m_text = nullptr;
    FittingLines *m_lines = nullptr;
};

// The statistics: who is here now and the room's counts, the top places as bars, posts per
// minute as columns. Each count says what it counts in its tooltip.
class StatsView : public WidgetView {
public:
    StatsView(Mode mode, QWidget *parent)
        : WidgetView(parent), m_presented(mode == Mode::Presentation)
    {
        const bool presented = m_presented;
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *counts = new QGridLayout;
        m_grid = counts;
        struct Count {
            const char *name;
            QString caption;
            QString meaning;
        };
        const QList<Count> shown = {
                {"statsPresent", WidgetView::tr("Here now"),
                 WidgetView::tr("People connected now, online or away")},
                {"statsAccounts", WidgetView::tr("Accounts"),
                 WidgetView::tr("Everyone who ever signed up, here or not")},
                {"statsFacts", WidgetView::tr("Facts"),
                 WidgetView::tr("Facts posted and not hidden")},
                {"statsMessages", WidgetView::tr("Messages"), WidgetView::tr("Chat messages sent")},
                {"statsVotes", WidgetView::tr("Votes"),
                 WidgetView::tr("Votes standing on the talks now")}};
        for (int i = 0; i < shown.size(); ++i) {
            auto *number = new QLabel(QStringLiteral("-"));
            number->setObjectName(QString::fromLatin1(shown.at(i).name));
            number->setAlignment(Qt::AlignCenter);
            number->setToolTip(shown.at(i).meaning);
            number->setAccessibleName(shown.at(i).caption);
            auto *caption = new QLabel(shown.at(i).caption);
            caption->setAlignment(Qt::AlignCenter);
            caption->setToolTip(shown.at(i).meaning);
            counts->addWidget(number, 0, i);
            counts->addWidget(caption, 1, i);
            m_counts.append(number);
            m_captions.append(caption);
        }
        enlargeCounts();
        layout->addLayout(counts);
        layout->addWidget(new QLabel(WidgetView::tr("<b>Posts per minute</b>, last hour")));
        m_perMinute = new ColumnChart;
        m_perMinute->setObjectName(QStringLiteral("postsPerMinute"));
        m_perMinute->setLabels(WidgetView::tr("an hour ago"), WidgetView::tr("now"));
        m_perMinute->setEmptyText(WidgetView::tr("No activity yet. Posts will show here."));
        if (presented)
            m_perMinute->setPlotLines(5); // the room's pulse, big enough to see across it
        layout->addWidget(m_perMinute);
        layout->addWidget(new QLabel(WidgetView::tr("<b>Top cities</b> by posts")));
        m_cities = new BarChart;
        m_cities->setObjectName(QStringLiteral("topCities"));
        m_cities->setEmptyText(WidgetView::tr("No posts from any city yet."));
        m_cities->setFitRows(presented); // the leading places, as many as the screen has room for
        layout->addWidget(m_cities);
        layout->addWidget(new QLabel(WidgetView::tr("<b>Top regions</b> by posts")));
        m_regions = new BarChart;
        m_regions->setObjectName(QStringLiteral("topRegions"));
        m_regions->setEmptyText(WidgetView::tr("No posts from any region yet."));
        m_regions->setFitRows(presented);
        layout->addWidget(m_regions);
        m_updated = new QLabel;
        m_updated->setObjectName(QStringLiteral("statsUpdated"));
        m_updated->setEnabled(false); // the quiet colour of a footnote
        layout->addWidget(m_updated);
    }

    void changeEvent(QEvent *event) override
    {
        // The counts stay a size above the type around them, in a panel or on a projector.
        if (event->type() == QEvent::FontChange) {
            enlargeCounts();
            arrangeCounts();
        }
        WidgetView::changeEvent(event);
    }

    void resizeEvent(QResizeEvent *event) override
    {
        WidgetView::resizeEvent(event);
        arrangeCounts();
    }

    // Presented, each count reads as its own from the back of the room: equal columns with
    // air between them, number above caption, centred; five in a row when they fit, else
    // three and two.
    void arrangeCounts()
    {
        if (!m_presented)
            return;
        const int gap = fontMetrics().averageCharWidth() * 2;
        int widest = 0;
        for (qsizetype i = 0; i < m_counts.size(); ++i)
            widest = std::max({widest, m_counts.at(i)->sizeHint().width(),
                               m_captions.at(i)->sizeHint().width()});
        const int width = this->width() > 1 ? this->width() : sizeHint().width();
        const int fitting = (width + gap / 2) / std::max(1, widest + gap);
        const int perRow = fitting >= 5 ? 5 : fitting >= 3 ? 3 : std::max(1, fitting);
        if (perRow == m_perRow && widest == m_widest && m_grid->horizontalSpacing() == gap / 2)
            return; // a layout change would only ask for this layout again
        m_widest = widest;
        m_grid->setHorizontalSpacing(gap / 2); // twice between counts: each spans two columns
        for (int column = 0; column < 10; ++column) {
            m_grid->setColumnStretch(column, column < 2 * perRow ? 1 : 0);
            m_grid->setColumnMinimumWidth(column, column < 2 * perRow ? widest / 2 : 0);
        }
        if (perRow == m_perRow)
            return;
        m_perRow = perRow;
        for (qsizetype i = 0; i < m_counts.size(); ++i) {
            m_grid->removeWidget(m_counts.at(i));
            m_grid->removeWidget(m_captions.at(i));
        }
        // Each count spans two grid columns, so a shorter last row sits centred under the
        // first ("8 8 3" over " 0 4 ").
        const int count = static_cast<int>(m_counts.size());
        for (int i = 0; i < count; ++i) {
            const int row = i / perRow * 2;
            const int inRow = std::min(perRow, count - i / perRow * perRow);
            const int column = (perRow - inRow) + 2 * (i % perRow);
            m_grid->addWidget(m_counts.at(i), row, column, 1, 2);
            m_grid->addWidget(m_captions.at(i), row + 1, column, 1, 2);
        }
    }

    void enlargeCounts()
    {
        QFont big = font();
        if (big.pixelSize() > 0)
            big.setPixelSize(big.pixelSize() * 8 / 5);
        else
            big.setPointSizeF(big.pointSizeF() * 1.6);
        big.setBold(true);
        for (QLabel *number : std::as_const(m_counts))
            number->setFont(big);
    }

    void showData(const WidgetData &data) override
    {
        const std::optional<RoomStats> &stats = data.stats;
        if (!stats)
            return;
        const QList<qint64> values = {stats->present, stats->users, stats->facts, stats->messages,
                                      stats->votes};
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
        m_updated->setText(
                WidgetView::tr("Counted at %1")
                        .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(stats->computedAt)
                                                        .toLocalTime()
                                                        .time(),
                                                QLocale::LongFormat)));
    }

private:
    bool m_presented;
    int m_perRow = 0;
    int m_widest = 0;
    QGridLayout *m_grid;
    QList<QLabel *> m_counts;
    QList<QLabel *> m_captions;
    ColumnChart *m_perMinute;
    BarChart *m_cities;
    BarChart *m_regions;
    QLabel *m_updated;
};

// The talks on the big screen: one bar per talk, "title (speaker)", gliding to each new tally.
class TallyView : public WidgetView {
public:
    explicit TallyView(QWidget *parent) : WidgetView(parent)
    {
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        m_voting = new QLabel(WidgetView::tr("Loading..."));
        m_voting->setObjectName(QStringLiteral("votingState"));
        layout->addWidget(m_voting);
        m_tallies = new BarChart;
        m_tallies->setObjectName(QStringLiteral("talkTallies"));
        m_tallies->setAnimated(true);
        m_tallies->setLabelsAbove(true); // a talk's title in full, its bar under it
        m_tallies->setEmptyText(WidgetView::tr("No talks proposed yet."));
        layout->addWidget(m_tallies);
    }

    void showData(const WidgetData &data) override
    {
        m_voting->setText(data.votingOpen ? WidgetView::tr("Voting is open")
                                          : WidgetView::tr("Voting is closed"));
        QList<std::pair<QString, qint64>> bars;
        for (const Talk &talk : data.talks)
            bars.append({WidgetView::tr("%1 (%2)").arg(talk.title, talk.speaker.displayName),
                         talk.votes});
        m_tallies->setBars(bars);
    }

private:
    QLabel *m_voting;
    BarChart *m_tallies;
};
} // namespace

WidgetView *WidgetView::create(const WidgetSpec &spec, Mode mode, QWidget *parent)
{
    if (spec.kind == WidgetKind::Stats)
        return new StatsView(mode, parent);
    if (spec.kind == WidgetKind::Talks && mode == Mode::Presentation)
        return new TallyView(parent);
    return new ListView(spec.kind, mode, parent);
}

} // namespace Hallway
