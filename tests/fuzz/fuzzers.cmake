# SPDX-License-Identifier: MIT
# The libFuzzer targets, one tests/fuzz/<name>.cpp each. The fuzz tree (HALLWAY_FUZZ) builds
# them; the main build runs each as the ctest <name> (label fuzz). A new one is one word here.
set(hallway_fuzzers
    fuzz_requests
    fuzz_frames
)
