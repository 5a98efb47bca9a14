// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for connection strings (--db, STOCKROOM_DB, the connection settings dialog): any text gives a
// spec or a clear error, never a crash; the string a spec hands to a child process (toConnectionString)
// reads back as the same spec, and the one shown in messages (displayString) never carries the password.
#include "connectionspec.h"
#include "fuzzsupport.h"

#include <QUrl>

#include <cstdint>

using namespace Stockroom;
using Stockroom::Fuzz::check;

namespace {

bool same(const ConnectionSpec &a, const ConnectionSpec &b)
{
    if (a.engine != b.engine) {
        return false;
    }
    if (a.engine == Engine::SQLite) {
        return a.path == b.path && a.sqliteSynchronous == b.sqliteSynchronous;
    }
    return a.host == b.host && a.port == b.port && a.user == b.user && a.password == b.password
        && a.database == b.database && a.sslMode == b.sslMode && a.sslRootCert == b.sslRootCert
        && a.sslCert == b.sslCert && a.sslKey == b.sslKey;
}

void parse(const QString &text)
{
    const Result<ConnectionSpec> spec = ConnectionSpec::parse(text);
    const Result<ConnectionSpec> again = ConnectionSpec::parse(text);
    check(bool(spec) == bool(again), "parsing is deterministic");
    if (!spec) {
        check(!spec.error().message.isEmpty(), "a refused connection string says why");
        check(spec.error().message == again.error().message, "the same text is refused for the same reason");
        return;
    }
    check(same(*spec, *again), "parsing is deterministic");
    if (spec->engine == Engine::SQLite) {
        check(!spec->path.isEmpty(), "a SQLite spec names a file");
        check(spec->sqliteSynchronous == QLatin1String("FULL")
                  || spec->sqliteSynchronous == QLatin1String("NORMAL")
                  || spec->sqliteSynchronous == QLatin1String("OFF")
                  || spec->sqliteSynchronous == QLatin1String("EXTRA"),
              "synchronous is one SQLite knows");
    } else {
        check(!spec->host.isEmpty() && !spec->database.isEmpty(),
              "a PostgreSQL spec names a host and a database");
        check(spec->port >= 0 && spec->port <= 65535, "a port is a port");
        const QUrl shown(spec->displayString());
        check(shown.password().isEmpty(), "the string shown never carries the password");
        // libpq reads the options Qt passes separated by ';': one option per setting, each whole.
        for (const QString &option : spec->sslConnectOptions()) {
            check(!option.contains(QLatin1Char(';')) && option.endsWith(QLatin1Char('\'')),
                  "a TLS option is one quoted libpq option");
        }
    }

    // What a child process is handed must connect it to the same database.
    const Result<ConnectionSpec> handedOn = ConnectionSpec::parse(spec->toConnectionString());
    check(bool(handedOn), "toConnectionString() is read back");
    check(same(*spec, *handedOn), "toConnectionString() reads back as the same spec");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    parse(QString::fromUtf8(bytes));
    // The same bytes behind each scheme, so that every branch sees every kind of text.
    parse(QStringLiteral("postgresql://") + QString::fromUtf8(bytes));
    parse(QStringLiteral("sqlite:") + QString::fromUtf8(bytes));
    return 0;
}
