// SPDX-License-Identifier: MIT
#include "invitelink.h"

namespace Hallway {

namespace {
constexpr QLatin1StringView Plain("hallway");
constexpr QLatin1StringView Secure("hallways");
} // namespace

bool InviteLink::looksLikeOne(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.startsWith(Plain + QLatin1StringView("://"), Qt::CaseInsensitive)
            || trimmed.startsWith(Secure + QLatin1StringView("://"), Qt::CaseInsensitive);
}

Expected<QUrl> InviteLink::serverOf(const QString &link)
{
    const QUrl url(link.trimmed(), QUrl::StrictMode);
    const auto refuse = [](const QString &why) { return Error{ErrorCode::BadRequest, why}; };
    if (!url.isValid() || (url.scheme() != Plain && url.scheme() != Secure))
        return refuse(tr("This is not a Hallway invite link: it should look like "
                         "hallway://hallway.example.org:8470."));
    if (url.host().isEmpty())
        return refuse(tr("The invite link names no server."));
    // What a browser or a chat app may add is harmless; anything more is not ours to guess.
    if (!url.userInfo().isEmpty() || (!url.path().isEmpty() && url.path() != QLatin1StringView("/"))
        || url.hasQuery())
        return refuse(tr("The invite link has more in it than a server address and port."));
    QUrl server;
    server.setScheme(url.scheme() == Secure ? QStringLiteral("wss") : QStringLiteral("ws"));
    server.setHost(url.host());
    server.setPort(url.port(DefaultPort));
    return server;
}

QString InviteLink::to(const QUrl &server)
{
    if (!server.isValid() || server.host().isEmpty()
        || (server.scheme() != QLatin1StringView("ws")
            && server.scheme() != QLatin1StringView("wss")))
        return {};
    const bool secure = server.scheme() == QLatin1StringView("wss");
    QUrl link;
    link.setScheme(secure ? Secure : Plain);
    link.setHost(server.host());
    link.setPort(server.port(secure ? 443 : 80)); // a link always names its port

    return link.toString();
}

} // namespace Hallway
