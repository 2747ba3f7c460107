// libFuzzer's entry for programs that bring their own `main` (SwiftPM renames an executable's main,
// so libFuzzer's own main cannot be used; see FuzzKit.runFuzzer).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
