// SPDX-License-Identifier: MIT
#pragma once

#include "fact.h"

#include <QObject>

namespace Hallway {

class HallwayClient;

// What moderators did to your own facts, as the server tells you on your private "chat"
// stream (docs/protocol.md, the `chat` topic): so that a fact of yours never vanishes without
// a word.
class ModerationNotices : public QObject {
    Q_OBJECT
public:
    explicit ModerationNotices(HallwayClient *client, QObject *parent = nullptr);
    ~ModerationNotices() override;

Q_SIGNALS:
    // A moderator hid your fact (hidden) or brought it back.
    void factHidden(const Hallway::Fact &fact, bool hidden);

private:
    HallwayClient *m_client;
};

} // namespace Hallway
