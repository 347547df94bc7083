#include "app/einvoice_cli.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include "modules/einvoice/inbound/received_file.hpp"
#include "modules/einvoice/service/einvoice_service.hpp"
#include "modules/einvoice/service/reception_service.hpp"

namespace comptoir {
namespace {

int print(const Error& e) {
    std::cerr << "erreur : " << e.message_fr << "\n";
    for (const auto& f : e.fields) std::cerr << "  - " << (f.field.empty() ? "" : f.field + " : ") << f.message_fr << "\n";
    return e.kind == ErrorKind::Invalid ? 2 : 1;
}

}  // namespace

void add_einvoice_cli(CLI::App& cli, CLI::App* serve, EinvoiceCli& o) {
    auto* einvoice = cli.add_subcommand("einvoice", "E-invoices: export an issued invoice, import a supplier invoice");
    o.export_command = einvoice->add_subcommand("export", "Write the e-invoice of an issued invoice or credit note");
    o.export_command->add_option("--document", o.document, "Document id")->required();
    o.export_command->add_option("--format", o.format, "facturx, cii or ubl")->capture_default_str();
    o.export_command->add_option("--out", o.out, "Output file")->required();
    o.export_command->add_option("--company-id", o.company, "Company")->capture_default_str();
    o.import_command = einvoice->add_subcommand("import", "Import a supplier e-invoice (Factur-X/ZUGFeRD PDF, CII or UBL XML)");
    o.import_command->add_option("file", o.file, "The file")->required();
    o.import_command->add_option("--company-id", o.company, "Company")->capture_default_str();
    einvoice->require_subcommand(1);
    if (const char* env = std::getenv("COMPTOIR_EINVOICE_INBOX")) o.inbox = env;
    serve->add_option("--einvoice-inbox", o.inbox,
                      "Watched folder of supplier e-invoices: DIR/<company id>/ [env COMPTOIR_EINVOICE_INBOX]");
}

int run_einvoice_cli(App& app, const EinvoiceCli& o) {
    const Actor system{o.company, 0, Role::Admin, "fr", "", ""};
    if (*o.export_command) {
        auto format = einvoice::parse_format(o.format);
        if (!format) return print(format.error());
        auto file = app.einvoice().einvoices().export_document(system, o.document, *format);
        if (!file) return print(file.error());
        std::ofstream out(o.out, std::ios::binary);
        out << file->bytes;
        if (!out) {
            std::cerr << "erreur : impossible d'écrire " << o.out << "\n";
            return 1;
        }
        std::cout << o.out << " : " << file->bytes.size() << " octets (" << einvoice::to_code(*format) << ")\n";
        return 0;
    }
    if (*o.import_command) {
        std::ifstream in(o.file, std::ios::binary);
        if (!in) {
            std::cerr << "erreur : impossible de lire " << o.file << "\n";
            return 1;
        }
        in.seekg(0, std::ios::end);
        if (static_cast<std::size_t>(in.tellg()) > einvoice::kMaxReceivedBytes) {
            std::cerr << "erreur : le fichier dépasse 20 Mo : il est refusé.\n";
            return 2;
        }
        in.seekg(0);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto outcome = app.einvoice().reception().import(system, bytes, o.file, "cli");
        if (!outcome) return print(outcome.error());
        std::cout << "Facture " << outcome->number << " importée (facture fournisseur n° " << outcome->id << ", "
                  << outcome->format << ", " << einvoice::conformance_level(outcome->profile) << ").\n";
        for (const auto& c : outcome->checks)
            std::cout << (c.warning ? "  avertissement " : "  anomalie ") << c.rule << " : " << c.message_fr << "\n";
        return 0;
    }
    return -1;
}

std::unique_ptr<einvoice::InboxWatcher> start_einvoice_inbox(App& app, const EinvoiceCli& o) {
    if (o.inbox.empty()) return nullptr;
    auto watcher = std::make_unique<einvoice::InboxWatcher>(app.einvoice().reception(), o.inbox);
    watcher->start();
    std::cout << "Factures fournisseurs : dossier surveillé " << o.inbox << "/<société>/" << std::endl;
    return watcher;
}

}  // namespace comptoir
