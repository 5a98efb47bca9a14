// SPDX-License-Identifier: GPL-3.0-or-later
#include "channelorder.h"

namespace Stockroom {

QString ChannelOrderStateWords::fulfilment(ChannelFulfilment fulfilment)
{
    switch (fulfilment) {
    case ChannelFulfilment::Unfulfilled:
        return QStringLiteral("unfulfilled");
    case ChannelFulfilment::Partial:
        return QStringLiteral("partial");
    case ChannelFulfilment::Fulfilled:
        return QStringLiteral("fulfilled");
    }
    return {};
}

QString ImportedOrder::channelState() const
{
    // A second partial refund changes only the amount: it is part of the state.
    QString state = paymentStatus;
    if (refundedCents > 0) {
        state += QLatin1Char(':') + QString::number(refundedCents);
    }
    state += QLatin1Char('/') + ChannelOrderStateWords::fulfilment(fulfilment);
    if (cancelled) {
        state += QStringLiteral("/cancelled");
    }
    // Which lines have left matters for a partial fulfilment: "…/partial:1,3" (positions in the order).
    if (fulfilment == ChannelFulfilment::Partial) {
        QStringList shipped;
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i).fulfilled) {
                shipped << QString::number(i + 1);
            }
        }
        state += QLatin1Char(':') + shipped.join(QLatin1Char(','));
    }
    return state;
}

} // namespace Stockroom
