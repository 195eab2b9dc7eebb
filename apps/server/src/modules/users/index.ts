/** Accounts, roles and clinic memberships. */
export { userRoutes } from './routes';
export { listUsers, getUser, createUser, updateUser, activeReaders } from './service';
export {
  createCadAccount,
  createGatewayAccount,
  ensureCadRunnerAccount,
  renameGatewayAccount,
} from './serviceAccounts';
