// The account statement (relevé de compte): a client's ledger over a period, as the company sends it
// to the client. The PDF is printed on the company's letterhead with the documents' renderer (same
// look, header, client block in the envelope window and legal footer as the invoices); the CSV is
// for a spreadsheet. Both are in French, like the documents they list.
#pragma once

#include <string>

#include "core/money/money.hpp"
#include "modules/payments/model/ledger.hpp"
#include "modules/sales/pdf/printable_document.hpp"

namespace comptoir::payments {

struct StatementPeriod {
    std::string from, to;  // ISO dates; "" for an open end
    std::string today;     // ISO date the statement is made
    Money overdue;         // what is past due today, in the whole account
};

// The statement on `head` (the letterhead: seller, client, bank details). Only the entries of the
// balance are listed (invoices, credit notes, payments, refunds): quotes, orders and emails are not
// part of an account statement.
sales::pdf::PrintableDocument printable_statement(sales::pdf::PrintableDocument head, const Ledger& ledger,
                                                  const StatementPeriod& period);

// "Date;Pièce;Numéro;Échéance;Débit;Crédit;Solde", UTF-8 with a BOM and ';' (what French spreadsheets
// open without an import dialog), the opening balance first and the totals last. Entries outside
// the balance are listed with "(hors solde)" and no balance.
std::string statement_csv(const Ledger& ledger);

// "Facture", "Avoir", "Règlement"...; an unknown kind gives its code.
std::string kind_label_fr(const std::string& kind);

}  // namespace comptoir::payments
