// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"

namespace Hallway {

// What to tell a person about a refused request, in their language where the app knows the
// case (a mute, going too fast), else the server's own message.
QString errorText(const Error &error);

} // namespace Hallway
