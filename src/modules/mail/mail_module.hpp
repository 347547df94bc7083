// Mail: documents sent to clients by email with their PDF, payment reminders for overdue invoices,
// the company's SMTP settings and email templates, and the record of every send (shown in the
// client's history through payments' HistorySource).
#pragma once

#include <memory>
#include <vector>

#include "http/web_server.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"

namespace comptoir::sales {
class DocumentService;
}
namespace comptoir::crm {
class ClientService;
}
namespace comptoir::identity {
class CompanyService;
}
namespace comptoir::payments {
class HistorySource;
}

namespace comptoir::mail {

class MailService;
class MailHistory;

class MailModule {
public:
    MailModule(store::Database& db, sales::DocumentService& documents, crm::ClientService& clients,
               identity::CompanyService& companies);
    ~MailModule();

    static std::vector<store::Migration> migrations();
    MailService& mail();
    // One event per send for the client's history (PaymentService::add_history_source).
    payments::HistorySource& history();
    void register_routes(http::WebServer& web);

private:
    std::unique_ptr<MailService> service_;
    std::unique_ptr<MailHistory> history_;
};

}  // namespace comptoir::mail
