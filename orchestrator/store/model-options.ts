import { DataTypes, type Sequelize } from 'sequelize';

/** Every model maps camelCase attributes onto the snake_case columns the migrations create. */
export const modelOptions = (sequelize: Sequelize, tableName: string, timestamps = true) => ({ sequelize, tableName, underscored: true, timestamps });

export const pk = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };
