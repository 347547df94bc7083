// SQL of the e-invoicing module: the company's settings. Every statement is scoped by company.
#pragma once

#include <string>

#include "modules/einvoice/model/invoice.hpp"
#include "store/database.hpp"

namespace comptoir::einvoice::storage {

struct Settings {
    // Issued invoices are e-invoices: checked against the EN 16931 and French rules before issue,
    // stored as Factur-X. On unless an administrator turned it off (small businesses must issue
    // e-invoices from 1 September 2027; until then a company may opt out; reception is always on).
    bool enabled = true;
    Profile profile = Profile::En16931;
};

Settings settings(store::Connection& conn, std::int64_t company_id);
void save_settings(store::Connection& conn, std::int64_t company_id, const Settings& s, const std::string& now);

}  // namespace comptoir::einvoice::storage
