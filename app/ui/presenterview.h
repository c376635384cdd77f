// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QWidget>

class QLabel;
class QScreen;

namespace Hallway {

class HallwayClient;
class HubsModel;
class WidgetCard;

// A hub on the big screen, Slido style: full screen on the screen chosen for it, large white
// type on a dark ground, the room's address to join, tallies that glide. It follows the hub
// live like the Hubs tab does (widgets added, removed, changed, the hub renamed or deleted).
// Escape leaves it; it then deletes itself.
class PresenterView : public QWidget {
    Q_OBJECT
public:
    PresenterView(HallwayClient *client, HubsModel *hubs, qint64 hubId, QWidget *parent = nullptr);

    qint64 hubId() const { return m_hubId; }
    QList<WidgetCard *> cards() const { return m_cards; }
    QString titleText() const;
    QString joinText() const;

    // Full screen on that screen (nullptr: the one it is on).
    void present(QScreen *screen);
    // On two screens or more the one `from` is not on (the projector beside the laptop);
    // otherwise the only one.
    static QScreen *defaultScreen(const QWidget *from);
    // "ws://host:port" of the server the client is connected to: what attendees type.
    static QString joinAddress(const QUrl &server);
    // Another address to show (the room this app hosts, as others reach it).
    void setJoinAddress(const QString &address);

    // The type the cards are drawn in: the view's type, or smaller where the hub needs it to fit.
    int cardPixelSize() const { return m_cardPixelSize; }
    QRect boardRect() const; // where the cards go, in the view's coordinates

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void applyLook();
    // Places the cards in columns, each in the shortest so far (a short card leaves no hole
    // under it); a card gets its content's height where there is room, lists the rest. With
    // `refit`, tries the view's type first and steps down until every column fits the screen.
    void layoutCards(bool refit);
    bool placeCards(bool apply);

    HallwayClient *m_client;
    HubsModel *m_hubs;
    qint64 m_hubId;
    QLabel *m_title;
    QLabel *m_join;
    QLabel *m_empty;
    QLabel *m_hint;
    QWidget *m_board;
    QList<WidgetCard *> m_cards;
    int m_cardPixelSize = 0;
    bool m_placing = false;
};

} // namespace Hallway
