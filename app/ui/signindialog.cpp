// SPDX-License-Identifier: MIT
#include "signindialog.h"
#include "appearance.h"
#include "hallwayclient.h"
#include "validation.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Hallway {

SignInDialog::SignInDialog(HallwayClient *client, QWidget *parent)
    : QDialog(parent), m_client(client)
{
    setWindowTitle(tr("Sign in to Hallway"));
    setObjectName(QStringLiteral("signInDialog"));

    m_server = new QLineEdit;
    m_server->setObjectName(QStringLiteral("serverUrl"));
    m_server->setPlaceholderText(tr("ws://hallway.example.org:8470"));
    // Wide enough for the whole example address.
    m_server->setMinimumWidth(m_server->fontMetrics().horizontalAdvance(m_server->placeholderText())
                              + 4 * m_server->fontMetrics().averageCharWidth());
    m_username = new QLineEdit;
    m_username->setObjectName(QStringLiteral("username"));
    m_username->setMaxLength(Validation::UsernameMaxLength);
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(Validation::PasswordMaxLength);

    m_registerMode = new QCheckBox(tr("I am new here: &create an account"));
    m_registerMode->setObjectName(QStringLiteral("registerMode"));

    m_registerFields = new QWidget;
    auto *registerLayout = new QFormLayout(m_registerFields);
    registerLayout->setContentsMargins(0, 0, 0, 0);
    m_displayName = new QLineEdit;
    m_displayName->setObjectName(QStringLiteral("displayName"));
    m_displayName->setMaxLength(Validation::DisplayNameMaxLength);
    m_displayName->setPlaceholderText(tr("How others see you"));
    m_city = new QLineEdit;
    m_city->setObjectName(QStringLiteral("city"));
    m_city->setMaxLength(Validation::PlaceMaxLength);
    m_city->setPlaceholderText(tr("Optional"));
    m_region = new QLineEdit;
    m_region->setObjectName(QStringLiteral("region"));
    m_region->setMaxLength(Validation::PlaceMaxLength);
    m_region->setPlaceholderText(tr("Optional"));
    registerLayout->addRow(tr("&Display name:"), m_displayName);
    registerLayout->addRow(tr("C&ity:"), m_city);
    registerLayout->addRow(tr("Re&gion:"), m_region);
    m_registerFields->setVisible(false);

    m_remember = new QCheckBox(tr("&Remember me on this computer"));
    m_remember->setObjectName(QStringLiteral("rememberMe"));
    m_remember->setChecked(true);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    Appearance::markAsError(m_error);
    m_error->setVisible(false);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("submitButton"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Sign in"));

    auto *form = new QFormLayout;
    form->addRow(tr("Ser&ver:"), m_server);
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password:"), m_password);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_registerMode);
    layout->addWidget(m_registerFields);
    layout->addWidget(m_remember);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    // An error is about what was submitted: it goes as soon as the person edits a field.
    for (QLineEdit *field : {m_server, m_username, m_password, m_displayName, m_city, m_region})
        connect(field, &QLineEdit::textEdited, this, [this]() { showError(QString()); });
    connect(m_registerMode, &QCheckBox::toggled, this, &SignInDialog::setRegisterMode);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this]() {
        if (m_busy)
            m_client->signOut();
        reject();
    });
    connect(client, &HallwayClient::signedIn, this, &SignInDialog::onSignedIn);
    connect(client, &HallwayClient::signInFailed, this, &SignInDialog::onSignInFailed);
}

void SignInDialog::setServerUrl(const QUrl &url)
{
    m_server->setText(url.toString());
    if (!url.isEmpty())
        m_username->setFocus();
}

QList<QUrl> SignInDialog::serverUrls() const
{
    // Several nodes of one event may be given, separated by spaces or commas: the first is
    // tried first, the others when it cannot be reached.
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    QList<QUrl> urls;
    for (QString text : m_server->text().split(separators, Qt::SkipEmptyParts)) {
        if (!text.contains(QLatin1StringView("://")))
            text.prepend(QStringLiteral("ws://"));
        urls.append(QUrl(text, QUrl::StrictMode));
    }
    return urls;
}

QUrl SignInDialog::serverUrl() const
{
    const QList<QUrl> urls = serverUrls();
    return urls.isEmpty() ? QUrl() : urls.first();
}

void SignInDialog::setAlternateUrls(const QList<QUrl> &urls)
{
    QStringList texts{m_server->text()};
    for (const QUrl &url : urls)
        texts.append(url.toString());
    m_server->setText(texts.join(QLatin1Char(' ')));
}

void SignInDialog::setUsername(const QString &username)
{
    m_username->setText(username);
    if (!username.isEmpty())
        m_password->setFocus();
}

void SignInDialog::setRegisterMode(bool on)
{
    m_registerMode->setChecked(on);
    m_registerFields->setVisible(on);
    m_buttons->button(QDialogButtonBox::Ok)->setText(on ? tr("Create &account") : tr("&Sign in"));
    setWindowTitle(on ? tr("Create a Hallway account") : tr("Sign in to Hallway"));
    adjustSize();
}

bool SignInDialog::isRegisterMode() const
{
    return m_registerMode->isChecked();
}

bool SignInDialog::rememberMe() const
{
    return m_remember->isChecked();
}

void SignInDialog::setRememberMe(bool on)
{
    m_remember->setChecked(on && m_rememberAvailable);
}

void SignInDialog::setRememberAvailable(bool available)
{
    m_rememberAvailable = available;
    if (!available)
        m_remember->setChecked(false);
    m_remember->setEnabled(available && !m_busy);
    m_remember->setToolTip(available ? QString()
                                     : tr("This computer has no keychain, so Hallway cannot "
                                          "remember your sign-in."));
}

QString SignInDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void SignInDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *field :
         {static_cast<QWidget *>(m_server), static_cast<QWidget *>(m_username),
          static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_registerMode),
          m_registerFields, static_cast<QWidget *>(m_remember)})
        field->setEnabled(!busy);
    m_remember->setEnabled(!busy && m_rememberAvailable);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    if (busy)
        showError(QString());
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void SignInDialog::submit()
{
    const QList<QUrl> urls = serverUrls();
    const bool allValid =
            !urls.isEmpty() && std::all_of(urls.cbegin(), urls.cend(), [](const QUrl &u) {
                return u.isValid() && !u.host().isEmpty()
                        && (u.scheme() == QLatin1StringView("ws")
                            || u.scheme() == QLatin1StringView("wss"));
            });
    if (!allValid) {
        showError(tr("Enter the server address, for example ws://hallway.example.org:8470."));
        m_server->setFocus();
        return;
    }
    const QUrl url = urls.first();
    m_client->setAlternateServers(urls.mid(1));
    const QString username = Validation::normalizeUsername(m_username->text());
    if (username.isEmpty()) {
        showError(tr("Enter your username."));
        m_username->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Enter your password."));
        m_password->setFocus();
        return;
    }

    if (!isRegisterMode()) {
        setBusy(true);
        m_client->signIn(url, {username, m_password->text()});
        return;
    }

    // Checked here too so the person gets the reason in their language before a round trip.
    if (Validation::checkUsername(username)) {
        showError(tr("A username has %1 to %2 characters: letters a-z, digits, '.', '_' or '-'.")
                          .arg(Validation::UsernameMinLength)
                          .arg(Validation::UsernameMaxLength));
        m_username->setFocus();
        return;
    }
    if (Validation::checkPassword(m_password->text())) {
        showError(
                tr("A password needs at least %1 characters.").arg(Validation::PasswordMinLength));
        m_password->setFocus();
        return;
    }
    const QString displayName = m_displayName->text().trimmed();
    if (Validation::checkDisplayName(displayName)) {
        showError(tr("Enter the name others will see."));
        m_displayName->setFocus();
        return;
    }
    setBusy(true);
    m_client->registerAccount(url,
                              {username, displayName, m_password->text(), m_city->text().trimmed(),
                               m_region->text().trimmed()});
}

void SignInDialog::onSignedIn()
{
    if (!m_busy)
        return;
    setBusy(false);
    m_password->clear();
    accept();
}

void SignInDialog::onSignInFailed(const Error &error)
{
    if (!m_busy)
        return;
    setBusy(false);
    switch (error.code) {
    case ErrorCode::Unauthorized:
        showError(tr("Wrong username or password."));
        m_password->selectAll();
        m_password->setFocus();
        break;
    case ErrorCode::Conflict:
        showError(tr("That username is taken. Please choose another."));
        m_username->setFocus();
        break;
    case ErrorCode::Unavailable:
        showError(tr("Cannot reach the server. Check the address and your network.\n(%1)")
                          .arg(error.message));
        break;
    default:
        showError(tr("The server refused: %1").arg(error.message));
        break;
    }
}

} // namespace Hallway
