// kokeilu-keys: prints docs/keys.md, the reference of a design file's keys, from the field tables
// (scenario/design_fields.cpp). `build/kokeilu-keys > docs/keys.md` regenerates the file.
#include <iostream>

#include "scenario/design_fields.hpp"

int main() {
  std::cout << kokeilu::scenario::keys_markdown();
  return 0;
}
