import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';

export const id: ModelAttributeColumnOptions = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true };

export const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};

/** A required foreign key; deleting the parent is refused so history is never orphaned. */
export function ref(table: string, type: ModelAttributeColumnOptions['type'] = DataTypes.INTEGER, allowNull = false): ModelAttributeColumnOptions {
  return { type, allowNull, references: { model: table, key: 'id' }, onDelete: 'RESTRICT', onUpdate: 'CASCADE' };
}
