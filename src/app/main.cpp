// The comptoir command: serve the web app, initialise a company, add users, create API tokens.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "app/app.hpp"
#include "app/einvoice_cli.hpp"
#include "modules/sales/service/document_service.hpp"

namespace {

comptoir::http::WebServer* g_server = nullptr;

void on_signal(int) {
    if (g_server) g_server->stop();
}

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

bool parse_listen(const std::string& listen, comptoir::http::ServerOptions& options) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) return false;
    options.host = listen.substr(0, colon);
    try {
        options.port = std::stoi(listen.substr(colon + 1));
    } catch (...) {
        return false;
    }
    return options.port > 0 && options.port < 65536 && !options.host.empty();
}

int print_error(const comptoir::Error& e) {
    std::cerr << "erreur : " << e.message_fr << "\n";
    for (const auto& f : e.fields) std::cerr << "  " << f.field << " : " << f.message_fr << "\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Comptoir — la gestion commerciale des petites entreprises.\n"
                 "Comptoir — business management for small companies."};
    cli.require_subcommand(1);
    // Global options may follow the sub-command too: "comptoir serve --data DIR" as well as "comptoir --data DIR serve".
    cli.fallthrough();
    std::string data_dir = env_or("COMPTOIR_DATA", "./data");
    std::string database = env_or("COMPTOIR_DATABASE", "");
    cli.add_option("--data", data_dir, "Data directory (SQLite file, stored PDFs, logos) [env COMPTOIR_DATA]")
        ->capture_default_str();
    cli.add_option("--database", database,
                   "Database URL: postgresql://... or a SQLite file path (default: DATA/comptoir.db) "
                   "[env COMPTOIR_DATABASE]");

    auto* serve = cli.add_subcommand("serve", "Start the web server");
    std::string listen = env_or("COMPTOIR_LISTEN", "127.0.0.1:8080");
    int threads = 32;
    serve->add_option("--listen", listen, "Address and port to listen on [env COMPTOIR_LISTEN]")->capture_default_str();
    serve->add_option("--threads", threads, "Worker threads")->capture_default_str()->check(CLI::Range(2, 512));
    std::string trusted_proxies = env_or("COMPTOIR_TRUSTED_PROXIES", "");
    serve->add_option("--trusted-proxies", trusted_proxies,
                      "Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed "
                      "[env COMPTOIR_TRUSTED_PROXIES]");

    auto* init = cli.add_subcommand("init", "Create a company and its first administrator");
    std::string company_name, admin_email, admin_password;
    init->add_option("--company", company_name, "Company name")->required();
    init->add_option("--admin-email", admin_email, "Administrator's email")->required();
    init->add_option("--admin-password", admin_password, "Administrator's password (generated when omitted)");

    auto* user = cli.add_subcommand("user", "Manage users");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "Add a user to a company");
    std::string user_email, user_name, user_role = "sales", user_password, user_locale = "fr";
    std::int64_t user_company = 0;
    user_add->add_option("--email", user_email, "Email (login)")->required();
    user_add->add_option("--name", user_name, "Full name");
    user_add->add_option("--role", user_role, "admin, sales, accountant or read_only")->capture_default_str();
    user_add->add_option("--password", user_password, "Password (generated when omitted)");
    user_add->add_option("--company-id", user_company, "Company id (default: the first company)");
    user_add->add_option("--locale", user_locale, "fr or en")->capture_default_str();

    auto* token = cli.add_subcommand("token", "Manage API tokens");
    token->require_subcommand(1);
    auto* token_create = token->add_subcommand("create", "Create an API token for a user; prints it on stdout");
    std::string token_user, token_name = "cli";
    token_create->add_option("--user", token_user, "The user's email")->required();
    token_create->add_option("--name", token_name, "A name to recognise the token")->capture_default_str();

    auto* verify = cli.add_subcommand(
        "verify", "Check that no issued document was altered: recompute the hash chain and check every stored PDF");

    comptoir::EinvoiceCli einvoice_cli;
    comptoir::add_einvoice_cli(cli, serve, einvoice_cli);

    CLI11_PARSE(cli, argc, argv);

    try {
        comptoir::AppConfig config;
        config.data_dir = data_dir;
        config.database_url = database;
        if (*serve) {
            if (!parse_listen(listen, config.server)) {
                std::cerr << "erreur : --listen attend HOTE:PORT, par exemple 127.0.0.1:8080\n";
                return 2;
            }
            config.server.threads = threads;
            for (std::size_t start = 0; start < trusted_proxies.size();) {
                auto comma = trusted_proxies.find(',', start);
                auto proxy = trusted_proxies.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                proxy.erase(0, proxy.find_first_not_of(' '));
                proxy.erase(proxy.find_last_not_of(' ') + 1);
                if (!proxy.empty()) config.server.trusted_proxies.push_back(proxy);
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
            config.pool_size = std::max(4, threads / 2);
        }
        comptoir::App app(config);
        if (int rc = comptoir::run_einvoice_cli(app, einvoice_cli); rc >= 0) return rc;

        if (*serve) {
            if (!app.identity().has_company()) {
                comptoir::identity::InitInput input{env_or("COMPTOIR_COMPANY", "Ma société"),
                                                    env_or("COMPTOIR_ADMIN_EMAIL", "admin@example.com"), "",
                                                    std::nullopt};
                if (auto p = env_or("COMPTOIR_ADMIN_PASSWORD", ""); !p.empty()) input.admin_password = p;
                auto result = app.identity().initialize(input);
                if (!result) return print_error(result.error());
                std::cout << "Première installation : société « " << input.company_name << " » créée.\n"
                          << "  Identifiant : " << input.admin_email << "\n";
                if (!result->generated_password.empty())
                    std::cout << "  Mot de passe (affiché une seule fois) : " << result->generated_password << "\n";
            }
            auto& web = app.web();
            g_server = &web;
            auto inbox = comptoir::start_einvoice_inbox(app, einvoice_cli);
            std::signal(SIGINT, on_signal);
            std::signal(SIGTERM, on_signal);
            std::cout << "Comptoir écoute sur http://" << config.server.host << ":" << config.server.port << std::endl;
            if (!web.listen()) {
                std::cerr << "erreur : impossible d'écouter sur " << listen << " (adresse occupée ?)\n";
                return 1;
            }
            return 0;
        }
        if (*verify) {
            auto report = app.sales().documents().verify();
            for (const auto& problem : report.problems) std::cout << "ALTÉRÉ : " << problem << "\n";
            std::cout << report.documents << " document(s) émis vérifié(s), " << report.problems.size()
                      << " problème(s).\n";
            return report.problems.empty() ? 0 : 1;
        }
        if (*init) {
            comptoir::identity::InitInput input{company_name, admin_email, "", std::nullopt};
            if (!admin_password.empty()) input.admin_password = admin_password;
            auto result = app.identity().initialize(input);
            if (!result) return print_error(result.error());
            std::cout << "Société créée (id " << result->company_id << "), administrateur " << admin_email << "\n";
            if (!result->generated_password.empty())
                std::cout << "Mot de passe (affiché une seule fois) : " << result->generated_password << "\n";
            return 0;
        }
        if (*user_add) {
            auto role = comptoir::role_from_code(user_role);
            if (!role) {
                std::cerr << "erreur : --role doit valoir admin, sales, accountant ou read_only\n";
                return 2;
            }
            comptoir::identity::AddUserInput input;
            if (user_company) input.company_id = user_company;
            input.email = user_email;
            input.name = user_name;
            input.role = *role;
            input.locale = user_locale;
            if (!user_password.empty()) input.password = user_password;
            auto result = app.identity().add_user(input);
            if (!result) return print_error(result.error());
            std::cout << "Utilisateur créé (id " << result->user_id << ")\n";
            if (!result->generated_password.empty())
                std::cout << "Mot de passe (affiché une seule fois) : " << result->generated_password << "\n";
            return 0;
        }
        if (*token_create) {
            auto result = app.identity().create_token(token_user, token_name);
            if (!result) return print_error(result.error());
            std::cout << *result << "\n";
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "erreur : " << e.what() << "\n";
        return 1;
    }
    return 0;
}
