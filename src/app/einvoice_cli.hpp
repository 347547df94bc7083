// The e-invoicing commands of the command line, and the watched folder `serve` starts:
//   comptoir einvoice export --document ID --format facturx|cii|ubl --out FILE [--company-id N]
//   comptoir einvoice import FILE [--company-id N]
//   comptoir serve --einvoice-inbox DIR        (env COMPTOIR_EINVOICE_INBOX)
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/app.hpp"
#include "modules/einvoice/service/inbox_watcher.hpp"

namespace comptoir {

struct EinvoiceCli {
    CLI::App* export_command = nullptr;
    CLI::App* import_command = nullptr;
    std::int64_t document = 0;
    std::string format = "facturx";
    std::string out;
    std::string file;
    std::int64_t company = 1;
    std::string inbox;
};

void add_einvoice_cli(CLI::App& cli, CLI::App* serve, EinvoiceCli& options);
// The exit code of the einvoice command that ran, or -1 when none did.
int run_einvoice_cli(App& app, const EinvoiceCli& options);
// The watched folder's thread, when --einvoice-inbox (or COMPTOIR_EINVOICE_INBOX) names one.
std::unique_ptr<einvoice::InboxWatcher> start_einvoice_inbox(App& app, const EinvoiceCli& options);

}  // namespace comptoir
