/**
 * The stand-in platforms as a process, for the demo and the benches: listens on
 * ADS_STANDIN_PORT (default 3990) and answers Google Ads under /google/v17 and Meta under
 * /meta/v19.0 with the stand-in's default credentials (or ADS_STANDIN_GOOGLE_TOKEN,
 * ADS_STANDIN_DEVELOPER_TOKEN, ADS_STANDIN_META_TOKEN); its world is set through /_control/.
 *   node libs/testing/dist/ads-platforms/main.js
 */
import { AdPlatformsStandIn } from './server';

const main = async () => {
  const standIn = await AdPlatformsStandIn.start({
    port: Number(process.env.ADS_STANDIN_PORT ?? 3990),
    googleAccessToken: process.env.ADS_STANDIN_GOOGLE_TOKEN,
    googleDeveloperToken: process.env.ADS_STANDIN_DEVELOPER_TOKEN,
    metaAccessToken: process.env.ADS_STANDIN_META_TOKEN,
  });
  console.log(JSON.stringify({ message: 'ad platforms stand-in listening', ...standIn.connectorEnv() }));
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
};

void main();
