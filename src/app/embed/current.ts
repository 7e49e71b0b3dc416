/** The embed configuration of this page, read once from its address. */
import { parseEmbedConfig, type EmbedConfig } from './config';

export const embedConfig: EmbedConfig = parseEmbedConfig(typeof location === 'undefined' ? '' : location.search);
