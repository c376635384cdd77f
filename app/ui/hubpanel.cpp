// SPDX-License-Identifier: MIT
#include "hubpanel.h"
#include "appearance.h"
#include "errortext.h"
#include "hallwayclient.h"
#include "hubactions.h"
#include "hubsmodel.h"
#include "presenterview.h"
#include "widgetcard.h"
#include "widgetdialog.h"

#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QVBoxLayout>

namespace Hallway {

HubPanel::HubPanel(HallwayClient *client, HubsModel *hubs, PresenceModel *people, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_actions(new HubActions(client, this)),
      m_hubs(hubs),
      m_people(people)
{
    setObjectName(QStringLiteral("hubPanel"));
    m_picker = new QComboBox;
    m_picker->setObjectName(QStringLiteral("hubPicker"));
    m_picker->setModel(hubs);
    m_picker->setAccessibleName(tr("Hub"));
    auto *pickerLabel = new QLabel(tr("Hu&b:"));
    pickerLabel->setBuddy(m_picker);

    // Moderators' tools.
    m_tools = new QWidget;
    auto *toolsLayout = new QHBoxLayout(m_tools);
    toolsLayout->setContentsMargins(0, 0, 0, 0);
    const auto button = [toolsLayout](const QString &text, const char *name) {
        auto *push = new QPushButton(text);
        push->setObjectName(QString::fromLatin1(name));
        toolsLayout->addWidget(push);
        return push;
    };
    connect(button(tr("&Add widget..."), "addWidget"), &QPushButton::clicked, this, [this]() {
        WidgetDialog dialog(m_people, std::nullopt, this);
        if (dialog.exec() == QDialog::Accepted)
            addWidget(dialog.spec());
    });
    connect(button(tr("&New hub..."), "newHub"), &QPushButton::clicked, this, &HubPanel::createHub);
    connect(button(tr("&Rename..."), "renameHub"), &QPushButton::clicked, this,
            &HubPanel::renameHub);
    connect(button(tr("&Delete hub"), "deleteHub"), &QPushButton::clicked, this,
            &HubPanel::deleteHub);
    // Moderators only: the room's big screen is the organisers' to drive, and attendees
    // keep a quieter toolbar ("Pro&jector": P, E and S are taken in the main window).
    QPushButton *presentButton = button(tr("Present on pro&jector..."), "presentHub");
    toolsLayout->removeWidget(presentButton); // beside the picker: it is about this hub
    m_present = presentButton;
    presentButton->setToolTip(
            tr("Show this hub full screen, in large type, on a screen of your choice"));
    connect(presentButton, &QPushButton::clicked, this, &HubPanel::choosePresentScreen);
    m_hubTools = toolsLayout->parentWidget()->findChildren<QPushButton *>();
    m_hubTools.removeOne(m_tools->findChild<QPushButton *>(QStringLiteral("newHub")));
    toolsLayout->addStretch(1);

    // The tools under the picker: in one row they would take the width a profile needs.
    auto *top = new QVBoxLayout;
    auto *pickerRow = new QHBoxLayout;
    pickerRow->addWidget(pickerLabel);
    pickerRow->addWidget(m_picker, 1);
    pickerRow->addWidget(presentButton);
    top->addLayout(pickerRow);
    top->addWidget(m_tools);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("hubError"));
    m_error->setWordWrap(true);
    Appearance::markAsError(m_error);
    m_error->hide();

    auto *content = new QWidget;
    m_column = new QVBoxLayout(content);
    m_empty = new QLabel;
    m_empty->setObjectName(QStringLiteral("hubEmpty"));
    m_empty->setWordWrap(true);
    m_column->addWidget(m_empty);
    m_column->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setAccessibleName(tr("The hub's widgets"));
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(scroll, 1);

    connect(m_picker, &QComboBox::currentIndexChanged, this, [this](int row) {
        if (row >= 0)
            showHub(m_hubs->index(row).data(HubsModel::HubIdRole).toLongLong());
    });
    connect(hubs, &HubsModel::hubChanged, this, [this](qint64 hubId) {
        if (hubId == m_awaitedHubId && m_hubs->hub(hubId)) {
            m_awaitedHubId = 0;
            return showHub(hubId);
        }
        if (hubId == m_hubId || m_hubId == 0)
            showHub(m_hubs->hub(m_hubId) ? m_hubId : QSettings().value(lastHubKey()).toLongLong());
    });
    connect(hubs, &QAbstractItemModel::modelReset, this,
            [this]() { showHub(QSettings().value(lastHubKey()).toLongLong()); });
    // Signed out, the room's screen goes dark rather than showing a room it left.
    connect(client, &HallwayClient::signedOut, this, [this]() {
        if (m_presenter)
            m_presenter->close();
    });
    connect(client, &HallwayClient::currentUserChanged, this, &HubPanel::updateTools);
    connect(client, &HallwayClient::signedIn, this, &HubPanel::updateTools);
    updateTools();
    rebuild();
}

QString HubPanel::lastHubKey() const
{
    return m_client->settingsGroup() + QStringLiteral("/hubs/last");
}

void HubPanel::showHub(qint64 hubId)
{
    // A hub that is gone falls back to the first one.
    if (!m_hubs->hub(hubId) && m_hubs->rowCount() > 0)
        hubId = m_hubs->index(0).data(HubsModel::HubIdRole).toLongLong();
    const bool switched = hubId != m_hubId;
    m_hubId = hubId;
    if (switched && hubId != 0)
        QSettings().setValue(lastHubKey(), hubId);
    const int row = m_hubs->rowOf(hubId);
    if (row >= 0 && m_picker->currentIndex() != row) {
        const QSignalBlocker blocker(m_picker);
        m_picker->setCurrentIndex(row);
    }
    rebuild();
}

void HubPanel::rebuild()
{
    const std::optional<Hub> hub = m_hubs->hub(m_hubId);
    const QList<HubWidget> widgets = hub ? hub->widgets : QList<HubWidget>();
    // New cards first, then the old ones go: a widget that stays keeps its subscription and
    // shows its data at once instead of flickering through "Loading".
    QList<WidgetCard *> cards;
    for (const HubWidget &widget : widgets) {
        auto *card = new WidgetCard(m_client, widget);
        connect(card, &WidgetCard::userActivated, this, &HubPanel::userActivated);
        connect(card, &WidgetCard::removeRequested, this, [this](qint64 widgetId) {
            HubEdit edit;
            edit.operation = HubEdit::Operation::RemoveWidget;
            edit.hubId = m_hubId;
            edit.widgetId = widgetId;
            editHub(edit);
        });
        connect(card, &WidgetCard::moveRequested, this, [this](qint64 widgetId, int delta) {
            const auto current = m_hubs->hub(m_hubId);
            if (!current)
                return;
            qsizetype at = 0;
            while (at < current->widgets.size() && current->widgets.at(at).id != widgetId)
                ++at;
            HubEdit edit;
            edit.operation = HubEdit::Operation::MoveWidget;
            edit.hubId = m_hubId;
            edit.widgetId = widgetId;
            edit.position = std::max<qsizetype>(0, at + delta);
            editHub(edit);
        });
        connect(card, &WidgetCard::configureRequested, this, [this, widget]() {
            const qint64 hubId = m_hubId;
            WidgetDialog dialog(m_people, widget.spec, this);
            if (dialog.exec() != QDialog::Accepted)
                return;
            // Someone may have removed it, or the hub, while the dialog was open.
            const auto current = m_hubs->hub(hubId);
            if (!current
                || std::none_of(current->widgets.cbegin(), current->widgets.cend(),
                                [&](const HubWidget &w) { return w.id == widget.id; }))
                return showError(tr("That widget is gone; someone removed it meanwhile."));
            HubEdit edit;
            edit.operation = HubEdit::Operation::Configure;
            edit.hubId = hubId;
            edit.widgetId = widget.id;
            edit.config = dialog.spec().config;
            editHub(edit);
        });
        m_column->insertWidget(m_column->count() - 1, card);
        cards.append(card);
    }
    // Later, not now: this may run inside one of those cards' own signals.
    for (WidgetCard *old : std::exchange(m_cards, cards)) {
        old->hide();
        old->deleteLater();
    }
    const bool moderator = m_client->isModerator();
    if (hub)
        m_empty->setText(moderator ? tr("This hub has no widgets yet. Add who's online, the "
                                        "latest facts, the talks or the room in numbers with "
                                        "\"Add widget\".")
                                   : tr("This hub has no widgets yet. They appear here as soon "
                                        "as a moderator adds them."));
    else if (!m_hubs->isLoaded())
        m_empty->setText(tr("Loading the hubs..."));
    else
        m_empty->setText(moderator ? tr("No hubs yet. A hub is a page for a room or a track: "
                                        "who's online, the latest facts, the talks and the "
                                        "room in numbers, side by side, live for everyone. "
                                        "Create one with \"New hub\".")
                                   : tr("No hubs yet. A hub is a page for a room or a track: "
                                        "who's online, the latest facts, the talks and the "
                                        "room in numbers, side by side. The moderators have "
                                        "not made one yet."));
    m_empty->setVisible(m_cards.isEmpty());
    updateTools();
}

void HubPanel::updateTools()
{
    const bool moderator = m_client->isModerator();
    m_tools->setVisible(moderator);
    m_present->setVisible(moderator);
    const bool hasHub = m_hubs->hub(m_hubId).has_value();
    for (QPushButton *tool : std::as_const(m_hubTools))
        tool->setEnabled(hasHub);
    m_picker->setEnabled(m_hubs->rowCount() > 0);
    for (qsizetype i = 0; i < m_cards.size(); ++i)
        m_cards.at(i)->setEditable(moderator, i > 0, i + 1 < m_cards.size());
}

QString HubPanel::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void HubPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void HubPanel::addWidget(const WidgetSpec &spec)
{
    HubEdit edit;
    edit.operation = HubEdit::Operation::AddWidget;
    edit.hubId = m_hubId;
    edit.spec = spec;
    editHub(edit);
}

void HubPanel::editHub(const HubEdit &edit)
{
    showError({});
    m_actions->edit(edit, [this, operation = edit.operation](const Expected<qint64> &hubId) {
        if (!hubId)
            return showError(tr("That did not work: %1").arg(Hallway::errorText(hubId.error())));
        // A new hub is shown as soon as the topic has it (the reply comes before the event);
        // other edits arrive through the topic.
        if (operation != HubEdit::Operation::Create)
            return;
        if (m_hubs->hub(hubId.value()))
            showHub(hubId.value());
        else
            m_awaitedHubId = hubId.value();
    });
}

void HubPanel::choosePresentScreen()
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    if (screens.size() < 2)
        return present(nullptr);
    QStringList names;
    for (const QScreen *screen : screens)
        names.append(tr("%1 (%2 x %3)")
                             .arg(screen->name())
                             .arg(screen->geometry().width())
                             .arg(screen->geometry().height()));
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
            this, tr("Present"), tr("Show the hub full screen on:"), names,
            static_cast<int>(screens.indexOf(PresenterView::defaultScreen(window()))), false, &ok);
    if (ok)
        present(screens.value(names.indexOf(chosen)));
}

PresenterView *HubPanel::presenterView() const
{
    return m_presenter;
}

void HubPanel::present(QScreen *screen)
{
    if (!m_hubs->hub(m_hubId))
        return;
    // One presenter view at a time: presenting again moves it to this hub and screen.
    if (m_presenter)
        m_presenter->close();
    m_presenter = new PresenterView(m_client, m_hubs, m_hubId, this); // goes with the panel
    if (!m_joinAddress.isEmpty())
        m_presenter->setJoinAddress(m_joinAddress);
    m_presenter->present(screen ? screen : PresenterView::defaultScreen(window()));
}

void HubPanel::createHub()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New hub"), tr("Name of the new hub:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    HubEdit edit;
    edit.operation = HubEdit::Operation::Create;
    edit.name = name.simplified();
    editHub(edit);
}

void HubPanel::renameHub()
{
    const auto hub = m_hubs->hub(m_hubId);
    if (!hub)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename hub"), tr("New name:"),
                                               QLineEdit::Normal, hub->name, &ok);
    if (!ok || name.trimmed().isEmpty() || name.simplified() == hub->name)
        return;
    HubEdit edit;
    edit.operation = HubEdit::Operation::Rename;
    edit.hubId = m_hubId;
    edit.name = name.simplified();
    editHub(edit);
}

void HubPanel::deleteHub()
{
    const auto hub = m_hubs->hub(m_hubId);
    if (!hub)
        return;
    const auto answer = QMessageBox::question(
            this, tr("Delete hub"),
            tr("Delete the hub \"%1\" for everyone? Its widgets go with it.").arg(hub->name));
    if (answer != QMessageBox::Yes)
        return;
    HubEdit edit;
    edit.operation = HubEdit::Operation::Delete;
    edit.hubId = m_hubId;
    editHub(edit);
}

} // namespace Hallway
