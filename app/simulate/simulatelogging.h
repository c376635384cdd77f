// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace Hallway {

// hallway.simulate: each attendee's sign-in, breaks and returns (shown with --verbose).
Q_DECLARE_LOGGING_CATEGORY(lcSimulate)

} // namespace Hallway
