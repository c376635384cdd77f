// SPDX-License-Identifier: MIT
#include "clientlogging.h"

Q_LOGGING_CATEGORY(lcClientNet, "hallway.client.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientSession, "hallway.client.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientKeychain, "hallway.client.keychain", QtInfoMsg)
