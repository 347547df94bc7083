#pragma once

#include <vector>

#include "store/migrator.hpp"

namespace comptoir::einvoice::storage {

std::vector<store::Migration> migrations();

}  // namespace comptoir::einvoice::storage
