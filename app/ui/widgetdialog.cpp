// SPDX-License-Identifier: MIT
#include "widgetdialog.h"
#include "hubsmodel.h"
#include "presencemodel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace Hallway {

WidgetDialog::WidgetDialog(PresenceModel *people, const std::optional<WidgetSpec> &existing,
                           QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(existing ? tr("Change widget") : tr("Add a widget"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("widgetKind"));
    for (const WidgetKind kind : allWidgetKinds())
        m_kind->addItem(HubsModel::kindTitle(kind), static_cast<int>(kind));
    m_limit = new QSpinBox;
    m_limit->setObjectName(QStringLiteral("widgetLimit"));
    m_limitLabel = new QLabel(tr("Show at &most:"));
    m_limitLabel->setBuddy(m_limit);
    m_user = new QComboBox;
    m_user->setObjectName(QStringLiteral("widgetUser"));
    m_userLabel = new QLabel(tr("&Whose facts:"));
    m_userLabel->setBuddy(m_user);
    for (int row = 0; row < people->rowCount(); ++row) {
        const QModelIndex index = people->index(row);
        m_user->addItem(index.data(PresenceModel::DisplayNameRole).toString(),
                        index.data(PresenceModel::UserIdRole));
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(existing ? tr("&Save") : tr("&Add"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(m_limitLabel, m_limit);
    form->addRow(m_userLabel, m_user);
    form->addRow(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &WidgetDialog::updateFields);
    if (existing) {
        setKind(existing->kind);
        m_kind->setEnabled(false);
        if (existing->limit() > 0)
            setLimit(existing->limit());
        if (existing->kind == WidgetKind::UserFacts)
            setUserId(existing->userId());
    }
    updateFields();
}

void WidgetDialog::setKind(WidgetKind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(kind)));
}

void WidgetDialog::setLimit(int limit)
{
    m_limit->setValue(limit);
}

void WidgetDialog::setUserId(qint64 userId)
{
    if (m_user->findData(userId) < 0)
        m_user->addItem(tr("User %1").arg(userId), userId);
    m_user->setCurrentIndex(m_user->findData(userId));
}

void WidgetDialog::updateFields()
{
    const auto kind = static_cast<WidgetKind>(m_kind->currentData().toInt());
    const int most = maxWidgetLimit(kind);
    m_limit->setRange(1, std::max(1, most));
    if (m_kind->isEnabled()) // a new widget starts from the kind's default
        m_limit->setValue(defaultWidgetLimit(kind));
    m_limitLabel->setVisible(most > 0);
    m_limit->setVisible(most > 0);
    const bool needsUser = kind == WidgetKind::UserFacts;
    m_userLabel->setVisible(needsUser);
    m_user->setVisible(needsUser);
    // Without anyone to pick, a person's facts cannot be added.
    if (auto *ok = findChild<QDialogButtonBox *>())
        ok->button(QDialogButtonBox::Ok)->setEnabled(!needsUser || m_user->count() > 0);
}

WidgetSpec WidgetDialog::spec() const
{
    const auto kind = static_cast<WidgetKind>(m_kind->currentData().toInt());
    QJsonObject config;
    if (maxWidgetLimit(kind) > 0)
        config.insert(QStringLiteral("limit"), m_limit->value());
    if (kind == WidgetKind::UserFacts)
        config.insert(QStringLiteral("userId"), m_user->currentData().toLongLong());
    return WidgetSpec::make(kind, config).value();
}

} // namespace Hallway
