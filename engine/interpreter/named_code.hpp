#pragma once
// Every guard and computation written in C++ that the shipped workflows may name: what the
// composition root (and every test that loads the shipped workflows) hands the loader.
#include "engine/definition/load_context.hpp"

namespace seminarflow {

NamedCode standard_named_code();

}  // namespace seminarflow
