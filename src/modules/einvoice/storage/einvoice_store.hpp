// SQL of the e-invoicing module: the company's settings. Every statement is scoped by company.
#pragma once

#include <string>

#include "modules/einvoice/model/invoice.hpp"
#include "store/database.hpp"

namespace comptoir::einvoice::storage {

struct Settings {
    // Issued invoices are e-invoices: checked against the EN 16931 and French rules before issue,
    // stored as Factur-X. Off until an administrator turns it on (the obligation to issue starts
    // on 1 September 2027 for small businesses; reception is always on).
    bool enabled = false;
    Profile profile = Profile::En16931;
};

Settings settings(store::Connection& conn, std::int64_t company_id);
void save_settings(store::Connection& conn, std::int64_t company_id, const Settings& s, const std::string& now);

}  // namespace comptoir::einvoice::storage
