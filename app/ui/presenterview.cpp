// SPDX-License-Identifier: MIT
#include "presenterview.h"
#include "hallwayclient.h"
#include "hubsmodel.h"
#include "widgetcard.h"

#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLayout>
#include <QResizeEvent>
#include <QScopedValueRollback>
#include <QScreen>
#include <QVBoxLayout>

namespace Hallway {

namespace {
// Readable from the back of a room: about 30 lines of text fill the screen's height.
constexpr double LinesPerScreen = 36.0;
// A card needs about this many characters' width to show its longest line (the counts).
constexpr int CharactersPerColumn = 36;
constexpr int SmallestPixelSize = 20;
// A busy hub steps its cards' type down to this rather than leave part of it off screen.
constexpr int SmallestCardPixelSize = 14;

QPalette projectorPalette()
{
    // White on near black: the highest contrast a projector in a lit room keeps.
    QPalette colors;
    const QColor ground(0x10, 0x13, 0x17);
    const QColor card(0x1c, 0x21, 0x28);
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        colors.setColor(group, QPalette::Window, ground);
        colors.setColor(group, QPalette::Base, card);
        colors.setColor(group, QPalette::AlternateBase, card);
        colors.setColor(group, QPalette::WindowText, Qt::white);
        colors.setColor(group, QPalette::Text, Qt::white);
        colors.setColor(group, QPalette::ButtonText, Qt::white);
        colors.setColor(group, QPalette::Button, card);
        colors.setColor(group, QPalette::Highlight, QColor(0x4d, 0xa3, 0xff));
        colors.setColor(group, QPalette::HighlightedText, Qt::black);
        colors.setColor(group, QPalette::Link, QColor(0x9c, 0xd0, 0xff));
        colors.setColor(group, QPalette::PlaceholderText, QColor(0xc0, 0xc6, 0xcc));
        colors.setColor(group, QPalette::Mid, QColor(0x60, 0x66, 0x6e));
    }
    colors.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0xc0, 0xc6, 0xcc));
    colors.setColor(QPalette::Disabled, QPalette::Text, QColor(0xc0, 0xc6, 0xcc));
    return colors;
}
} // namespace

PresenterView::PresenterView(HallwayClient *client, HubsModel *hubs, qint64 hubId, QWidget *parent)
    : QWidget(parent, Qt::Window), m_client(client), m_hubs(hubs), m_hubId(hubId)
{
    setObjectName(QStringLiteral("presenterView"));
    setAttribute(Qt::WA_DeleteOnClose);
    setAutoFillBackground(true);
    setPalette(projectorPalette());

    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("presenterTitle"));
    m_title->setWordWrap(true);
    m_join = new QLabel;
    m_join->setObjectName(QStringLiteral("presenterJoin"));
    m_join->setForegroundRole(QPalette::Link); // the one coloured line: where to go

    m_empty = new QLabel;
    m_empty->setObjectName(QStringLiteral("presenterEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    // The cards are placed by hand (layoutCards): a projector view never scrolls, so the
    // columns are fitted to the screen rather than the screen to the content.
    m_board = new QWidget;
    m_board->setObjectName(QStringLiteral("presenterBoard"));
    m_board->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_board->installEventFilter(this);

    m_hint = new QLabel(tr("Esc to leave"));
    m_hint->setObjectName(QStringLiteral("presenterHint"));
    m_hint->setAlignment(Qt::AlignRight);
    m_hint->setEnabled(false); // the muted colour: there, but not competing with the room

    // The hub's name and where to join share a line, Slido's header: the cards get the height.
    auto *header = new QHBoxLayout;
    header->setSpacing(40);
    header->addWidget(m_title, 1);
    header->addWidget(m_join, 0, Qt::AlignRight | Qt::AlignVCenter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 24, 40, 12);
    layout->setSpacing(16);
    layout->addLayout(header);
    layout->addWidget(m_empty);
    layout->addWidget(m_board, 1);
    layout->addWidget(m_hint);
    // The screen decides the size, not the content: a minimum larger than a small projector
    // would take the window out of full screen.
    layout->setSizeConstraint(QLayout::SetNoConstraint);

    connect(hubs, &HubsModel::hubChanged, this, [this](qint64 changed) {
        if (changed == m_hubId)
            rebuild();
    });
    connect(hubs, &QAbstractItemModel::modelReset, this, &PresenterView::rebuild);
    setJoinAddress(joinAddress(client->serverUrl()));
    applyLook();
    rebuild();
}

void PresenterView::setJoinAddress(const QString &address)
{
    m_join->setText(address.isEmpty() ? QString() : tr("Join at %1").arg(address));
    m_join->setVisible(!address.isEmpty());
}

QString PresenterView::titleText() const
{
    return m_title->text();
}

QString PresenterView::joinText() const
{
    return m_join->text();
}

QString PresenterView::joinAddress(const QUrl &server)
{
    if (!server.isValid() || server.host().isEmpty())
        return {};
    return server
            .adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery
                      | QUrl::RemoveFragment)
            .toDisplayString();
}

QScreen *PresenterView::defaultScreen(const QWidget *from)
{
    QScreen *own = from && from->screen() ? from->screen() : QGuiApplication::primaryScreen();
    for (QScreen *screen : QGuiApplication::screens()) {
        if (screen != own)
            return screen;
    }
    return own;
}

void PresenterView::present(QScreen *screen)
{
    if (screen) {
        setScreen(screen);
        setGeometry(screen->geometry());
    }
    showFullScreen();
    raise();
    activateWindow();
}

void PresenterView::applyLook()
{
    // The type follows the view's height: full screen, the projector's.
    const int screenHeight = height() > 200 ? height()
            : screen()                      ? screen()->geometry().height()
                                            : 1080;
    QFont type = font();
    type.setPixelSize(std::max(SmallestPixelSize, int(screenHeight / LinesPerScreen)));
    setFont(type);
    QFont heading = type;
    heading.setPixelSize(type.pixelSize() * 2);
    heading.setBold(true);
    m_title->setFont(heading);
    QFont join = type;
    join.setPixelSize(type.pixelSize() * 3 / 2);
    join.setBold(true);
    m_join->setFont(join);
    QFont hint = type;
    hint.setPixelSize(std::max(16, type.pixelSize() * 3 / 4));
    m_hint->setFont(hint);
}

void PresenterView::rebuild()
{
    const std::optional<Hub> hub = m_hubs->hub(m_hubId);
    m_title->setText(hub ? hub->name : tr("This hub was deleted"));
    setWindowTitle(hub ? tr("%1 - Hallway presenter view").arg(hub->name)
                       : tr("Hallway presenter view"));
    const QList<HubWidget> widgets = hub ? hub->widgets : QList<HubWidget>();

    // A widget that stays keeps its card: its subscription, its data and its bars mid-glide.
    QHash<qint64, WidgetCard *> kept;
    for (WidgetCard *card : std::as_const(m_cards))
        kept.insert(card->widget().id, card);
    QList<WidgetCard *> cards;
    for (const HubWidget &widget : widgets) {
        WidgetCard *card = kept.value(widget.id);
        if (card && card->widget() == widget) {
            kept.remove(widget.id);
        } else {
            card = new WidgetCard(m_client, widget, WidgetView::Mode::Presentation);
            card->setFrameShape(QFrame::NoFrame);
            card->setAutoFillBackground(true);
            card->setBackgroundRole(QPalette::Base);
        }
        cards.append(card);
    }
    for (WidgetCard *gone : std::as_const(kept)) {
        gone->hide();
        gone->deleteLater(); // may be inside one of its own signals
    }
    for (WidgetCard *card : std::as_const(cards)) {
        if (card->parentWidget() != m_board)
            card->setParent(m_board);
        card->show();
    }
    m_cards = cards;
    m_board->setVisible(!m_cards.isEmpty());
    m_empty->setText(!hub ? tr("A moderator deleted this hub. Press Esc to leave.")
                          : tr("This hub has no widgets yet. They appear here as soon as a "
                               "moderator adds them."));
    m_empty->setVisible(m_cards.isEmpty());
    layoutCards(true);
}

QRect PresenterView::boardRect() const
{
    return m_board->geometry();
}

bool PresenterView::eventFilter(QObject *watched, QEvent *event)
{
    // A new size fits the hub afresh; a card that asks for other room (new data) is placed
    // again in the type it has, stepping it down only if the hub no longer fits.
    if (watched == m_board && event->type() == QEvent::Resize)
        layoutCards(true);
    else if (watched == m_board && event->type() == QEvent::LayoutRequest)
        layoutCards(false);
    return QWidget::eventFilter(watched, event);
}

void PresenterView::layoutCards(bool refit)
{
    if (m_placing || m_cards.isEmpty())
        return;
    const QScopedValueRollback placing(m_placing, true);
    const int base = font().pixelSize();
    if (refit || m_cardPixelSize <= 0 || m_cardPixelSize > base)
        m_cardPixelSize = base;
    for (;;) {
        if (m_board->font().pixelSize() != m_cardPixelSize) {
            QFont type = font();
            type.setPixelSize(m_cardPixelSize);
            m_board->setFont(type);
            // Parts not shown yet do not tell their layouts of the new type: measure afresh.
            for (QLayout *layout : m_board->findChildren<QLayout *>())
                layout->invalidate();
        }
        if (placeCards(false) || m_cardPixelSize <= SmallestCardPixelSize)
            break;
        // Small steps: the largest type that fits, not merely one that does.
        m_cardPixelSize = std::max(SmallestCardPixelSize,
                                   m_cardPixelSize - std::max(1, m_cardPixelSize / 15));
    }
    placeCards(true);
}

bool PresenterView::placeCards(bool apply)
{
    const QRect area = m_board->rect();
    if (area.height() < 2 || area.width() < 2)
        return true; // not laid out yet
    const int gap = std::max(12, m_cardPixelSize * 4 / 5);
    const int count = static_cast<int>(m_cards.size());
    // The columns follow the view's type, not the cards' (which steps down to fit): a busy
    // hub gets smaller type in the same columns, not fewer columns that cut its lists.
    const int fitting = std::max(
            1, area.width() / std::max(1, fontMetrics().averageCharWidth() * CharactersPerColumn));
    const int columns = std::min(fitting, count <= 1 ? 1 : count <= 4 ? 2 : 3);
    const int columnWidth = (area.width() - gap * (columns - 1)) / columns;

    // What each card wants at that width (its content in full) and what it needs (its lists,
    // tallies and places down to their first rows).
    QList<int> wanted;
    QList<int> needed;
    for (WidgetCard *card : std::as_const(m_cards)) {
        const int want = card->hasHeightForWidth() ? card->heightForWidth(columnWidth)
                                                   : card->sizeHint().height();
        const int need = std::min(want, card->minimumSizeHint().height());
        wanted.append(want);
        needed.append(need);
    }
    // Each card, in the hub's order, into the column that is shortest so far.
    QList<QList<int>> members(columns);
    QList<int> filled(columns, 0);
    for (int i = 0; i < count; ++i) {
        const auto shortest = std::min_element(filled.begin(), filled.end());
        const int column = static_cast<int>(shortest - filled.begin());
        members[column].append(i);
        *shortest += std::min(wanted.at(i), area.height()) + gap;
    }
    bool fits = true;
    for (int column = 0; column < columns; ++column) {
        const QList<int> &cards = members.at(column);
        int free = area.height() - gap * (static_cast<int>(cards.size()) - 1);
        QList<int> heights;
        for (int i : cards) {
            heights.append(needed.at(i));
            free -= needed.at(i);
        }
        fits = fits && free >= 0;
        if (!apply)
            continue;
        // The room left goes to the cards that want more, in equal shares (water filling).
        for (bool gave = true; free > 0 && gave;) {
            gave = false;
            qsizetype hungry = 0;
            for (qsizetype k = 0; k < cards.size(); ++k)
                hungry += heights.at(k) < wanted.at(cards.at(k)) ? 1 : 0;
            if (hungry == 0)
                break;
            const int share = std::max<int>(1, free / static_cast<int>(hungry));
            for (qsizetype k = 0; k < cards.size() && free > 0; ++k) {
                const int more = std::min({share, wanted.at(cards.at(k)) - heights.at(k), free});
                if (more > 0) {
                    heights[k] += more;
                    free -= more;
                    gave = true;
                }
            }
        }
        int top = 0;
        const int left = column * (columnWidth + gap);
        for (qsizetype k = 0; k < cards.size(); ++k) {
            // Never past the bottom of the screen, whatever the content asks.
            const int height = std::max(0, std::min(heights.at(k), area.height() - top));
            m_cards.at(cards.at(k))->setGeometry(left, top, columnWidth, height);
            top += height + gap;
        }
    }
    return fits;
}

void PresenterView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Full screen arrives after the first layout: the type follows the screen's height (the
    // board's own resize then fits the cards).
    if (event->oldSize().height() != height())
        applyLook();
}

void PresenterView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Hallway
