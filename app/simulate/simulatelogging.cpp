// SPDX-License-Identifier: MIT
#include "simulatelogging.h"

namespace Hallway {

Q_LOGGING_CATEGORY(lcSimulate, "hallway.simulate", QtInfoMsg)

} // namespace Hallway
