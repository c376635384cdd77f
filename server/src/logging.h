// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

// One category per layer; switch them at run time with QT_LOGGING_RULES or --log-level.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcTopics)
