// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "catalogrepository.h"
#include "servicecontext.h"

namespace Stockroom {

/** Products and locations, each change one transaction with its change-log row. */
class CatalogService
{
    Q_DECLARE_TR_FUNCTIONS(CatalogService)

public:
    explicit CatalogService(ServiceContext &context)
        : m_context(context)
    {
    }

    Result<qint64> addProduct(const ProductRecord &product);
    Result<qint64> addLocation(const LocationRecord &location);

private:
    ServiceContext &m_context;
};

} // namespace Stockroom
