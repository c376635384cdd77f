// SPDX-License-Identifier: MIT
#include "factcomposer.h"
#include "appearance.h"
#include "errortext.h"
#include "hallwayclient.h"
#include "validation.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Hallway {

FactComposer::FactComposer(HallwayClient *client, QWidget *parent)
    : QWidget(parent), m_client(client)
{
    m_edit = new QLineEdit;
    m_edit->setObjectName(QStringLiteral("factEdit"));
    // Short enough to be read whole beside an open profile.
    m_edit->setPlaceholderText(tr("A fact about you, e.g. \"I give talks about Qt\""));
    m_edit->setAccessibleName(tr("New fact"));
    m_counter = new QLabel;
    m_counter->setObjectName(QStringLiteral("factCounter"));
    m_post = new QPushButton(tr("&Post"));
    m_post->setObjectName(QStringLiteral("postFactButton"));
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("factError"));
    m_error->setWordWrap(true);
    Appearance::markAsError(m_error);
    m_error->hide();

    auto *row = new QHBoxLayout;
    row->addWidget(m_edit, 1);
    row->addWidget(m_counter);
    row->addWidget(m_post);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_error);

    connect(m_edit, &QLineEdit::textChanged, this, &FactComposer::updateCount);
    connect(m_edit, &QLineEdit::returnPressed, this, &FactComposer::post);
    connect(m_post, &QPushButton::clicked, this, &FactComposer::post);
    connect(client, &HallwayClient::factRejected, this,
            [this](const QString &, const QString &text, const Error &error) {
                // Nothing is lost: the text comes back to be fixed.
                if (m_edit->text().isEmpty())
                    m_edit->setText(text);
                m_error->setText(tr("Your fact was not posted: %1").arg(Hallway::errorText(error)));
                m_error->show();
            });
    updateCount();
}

QString FactComposer::text() const
{
    return m_edit->text();
}

QString FactComposer::counterText() const
{
    return m_counter->text();
}

QString FactComposer::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void FactComposer::updateCount()
{
    const QString trimmed = m_edit->text().trimmed();
    const qsizetype length = Validation::characterCount(trimmed);
    m_counter->setText(tr("%1/%2").arg(length).arg(Validation::FactMaxLength));
    const bool tooLong = length > Validation::FactMaxLength;
    Appearance::markAsError(m_counter, tooLong);
    QFont counterFont = m_counter->font();
    counterFont.setBold(tooLong);
    m_counter->setFont(counterFont);
    m_post->setEnabled(!trimmed.isEmpty() && !tooLong);
    if (!m_edit->text().isEmpty())
        m_error->hide();
}

void FactComposer::post()
{
    const QString trimmed = m_edit->text().trimmed();
    if (trimmed.isEmpty())
        return;
    if (const auto problem = Validation::checkFactText(trimmed)) {
        m_error->setText(tr("A fact has at most %1 characters.").arg(Validation::FactMaxLength));
        m_error->show();
        return;
    }
    // Sent (or queued until the connection is back); it shows in the feeds once stored.
    m_client->postFact(trimmed);
    m_edit->clear();
    m_error->hide();
}

} // namespace Hallway
