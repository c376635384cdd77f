// SPDX-License-Identifier: MIT
#include "hubpanel.h"
#include "errortext.h"
#include "hallwayclient.h"
#include "hubactions.h"
#include "hubsmodel.h"
#include "widgetcard.h"
#include "widgetdialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
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
    auto *pickerLabel = new QLabel(tr("&Hub:"));
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
    connect(button(tr("Add &widget..."), "addWidget"), &QPushButton::clicked, this, [this]() {
        WidgetDialog dialog(m_people, std::nullopt, this);
        if (dialog.exec() == QDialog::Accepted)
            addWidget(dialog.spec());
    });
    connect(button(tr("&New hub..."), "newHub"), &QPushButton::clicked, this, &HubPanel::createHub);
    connect(button(tr("&Rename..."), "renameHub"), &QPushButton::clicked, this,
            &HubPanel::renameHub);
    connect(button(tr("&Delete hub"), "deleteHub"), &QPushButton::clicked, this,
            &HubPanel::deleteHub);

    auto *top = new QHBoxLayout;
    top->addWidget(pickerLabel);
    top->addWidget(m_picker, 1);
    top->addWidget(m_tools);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("hubError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_error->hide();

    auto *content = new QWidget;
    m_column = new QVBoxLayout(content);
    m_empty = new QLabel;
    m_empty->setObjectName(QStringLiteral("hubEmpty"));
    m_empty->setWordWrap(true);
    m_column->addWidget(m_empty);
    m_column->addStretch(1);
    auto *scroll = new QScrollArea;
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
    m_empty->setText(!hub ? tr("Loading the hubs...")
                          : tr("This hub has no widgets yet.")
                                     + (m_client->isModerator()
                                                ? tr(" Add one with \"Add widget\".")
                                                : QString()));
    m_empty->setVisible(m_cards.isEmpty());
    updateTools();
}

void HubPanel::updateTools()
{
    const bool moderator = m_client->isModerator();
    m_tools->setVisible(moderator);
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
