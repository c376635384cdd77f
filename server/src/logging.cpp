// SPDX-License-Identifier: MIT
#include "logging.h"

Q_LOGGING_CATEGORY(lcServer, "hallway.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "hallway.server.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "hallway.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "hallway.server.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTopics, "hallway.server.topics", QtInfoMsg)
