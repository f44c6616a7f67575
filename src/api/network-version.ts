/** The `networkVersion` root field: which network answered. */
import { builder } from './builder.ts';

builder.queryField('networkVersion', (t) =>
  t.string({
    description:
      "The version id of the network that answered this request. Served from the shared store (`serve --database`): the store's version id, the same on every replica. Otherwise: a hash of its authors, spellings, papers, ties and provenance, the same however the network was loaded (from files or a snapshot) and different when any of them changes. Every HTTP answer carries it too, in the `x-network-version` header.",
    resolve: (_root, _args, { data }) => data.network.version,
  }),
);
